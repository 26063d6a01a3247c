/**
 * The quarters read model (`GET /api/people/{id}/quarters…`) and the Win Log: goals with their progress,
 * evidence (retracted stays, marked), feedback and the assessment. Owns `quarter_view`,
 * `quarter_goal`, `quarter_evidence` and `quarter_feedback`.
 */
package com.careerledger.projections.quarter;
