/**
 * `/api/admin/projections`: the read models' status and lag, and their rebuilds (all or one), with progress and
 * an estimate (`ReplaySpeed`). ADMIN only.
 */
package com.careerledger.api.admin;
