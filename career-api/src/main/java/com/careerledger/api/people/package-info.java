/**
 * `/api/people`: registration, the directory, and what hangs off one person without ids of its own: timeline,
 * performance history, Win Log, point-in-time history and raw events.
 */
package com.careerledger.api.people;
