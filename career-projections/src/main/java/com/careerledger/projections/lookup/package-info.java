/**
 * The write side's lookups, kept in the same transaction as the events (a subscribing processor): who exists,
 * which e-mail is taken, who manages whom, each person's standing over time and which quarters are open. Commands
 * are checked against them; they are not a read model for clients. Owns `person_lookup`, `person_standing` and
 * `quarter_lookup`.
 */
package com.careerledger.projections.lookup;
