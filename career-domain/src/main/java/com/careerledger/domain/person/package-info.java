/**
 * The Person aggregate: who someone is on the ladder (track, level, manager) and the sustained record of
 * the levels they were assessed at, from which promotions are decided.
 */
package com.careerledger.domain.person;
