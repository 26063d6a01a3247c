/**
 * Read model 4, the promotion audit (`GET /api/promotions`): every level change and track switch with its full
 * basis (quarters, assessments, evidence), the policy and framework in force, who decided and when. Owns the
 * `audit_*` tables: `PromotionAuditProjection` writes them, `PromotionAuditQueries` answers from them.
 */
package com.careerledger.projections.audit;
