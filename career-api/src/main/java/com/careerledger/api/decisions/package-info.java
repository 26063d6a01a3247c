/**
 * Decisions: promotions, track switches and level corrections (`/api/people/{id}/promotions`, …), and the promotion
 * audit that lists them (`/api/promotions`).
 */
package com.careerledger.api.decisions;
