/**
 * `/api/people/{id}/quarters`: opening quarters, goals and progress, evidence and retractions, feedback, assessment
 * and reopening.
 */
package com.careerledger.api.quarters;
