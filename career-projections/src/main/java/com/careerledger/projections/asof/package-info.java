/**
 * The point-in-time history: a person's career as it stood at any instant, and the raw events it is made of. An
 * on-demand read model with no table of its own: {@link com.careerledger.projections.asof.PersonEventStreams} reads
 * the person's and their quarters' events straight from the event store (through the upcasters), and
 * {@link com.careerledger.projections.asof.CareerAsOf} folds them up to the instant asked for, so it answers for any
 * date whatever the other read models say.
 */
package com.careerledger.projections.asof;
