/**
 * Read model 2, the career timeline (`GET /api/people/{id}/timeline`): every event of a person and of their
 * quarters as a sentence a person reads, oldest first. Owns `timeline_entry` and
 * `timeline_person`.
 */
package com.careerledger.projections.timeline;
