/**
 * Read model 7, organisation statistics (`GET /api/stats`): level distribution, promotions per quarter, time at
 * level and the next-level streak against promotion. Owns `stats_person`, `stats_promotion` and `stats_quarter`:
 * `StatsProjection` writes them, `StatsQueries` answers from them.
 */
package com.careerledger.projections.stats;
