/**
 * The Quarter aggregate: one person's quarter against the ladder — the level held and the level aimed at,
 * two or three next-level goals and their progress, the Win Log of evidence, feedback, and the assessment
 * of the level the person operated at, which closes the quarter.
 * <p>
 * A quarter's id is {@code personId/YYYY-Qn} ({@link com.careerledger.domain.quarter.QuarterId}), so
 * every command names the person and the quarter, and a person's quarters share the person's event sequence.
 */
package com.careerledger.domain.quarter;
