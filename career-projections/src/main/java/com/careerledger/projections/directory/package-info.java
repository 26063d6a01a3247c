/**
 * Read model 1, the directory (`GET /api/people`, the readiness board): people with their track, level, manager
 * and readiness, computed from the one career fold (`CareerStanding`) under the framework in force. Owns
 * `directory_person`.
 */
package com.careerledger.projections.directory;
