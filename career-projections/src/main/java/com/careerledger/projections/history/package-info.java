/**
 * Read model 3, the sustained-performance history (`GET /api/people/{id}/performance-history`): per quarter the
 * level held and the operating level assessed, the next-level streak and readiness. Owns
 * `history_person` and `history_quarter`.
 */
package com.careerledger.projections.history;
