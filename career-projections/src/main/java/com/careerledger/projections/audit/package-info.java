/**
 * Read model 4, the promotion audit (`GET /api/promotions`): every level change and track switch with its full
 * basis (quarters, assessments, evidence), the policy and framework in force, who decided and when. Owns the
 * `audit_*` tables.
 */
package com.careerledger.projections.audit;
