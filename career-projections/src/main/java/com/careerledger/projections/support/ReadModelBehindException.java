package com.careerledger.projections.support;

/**
 * A read model has not yet caught up with events already stored for the aggregate asked about (it is being
 * rebuilt, or its processor is stopped or failing). Answering would show a state older than the caller's own
 * writes, so the caller is told to retry instead.
 */
public class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(String aggregateId, long expected, Long actual) {
        super("the read model of " + aggregateId + " is at version " + (actual == null ? "none" : actual)
                + " but the event store is at " + expected);
    }
}
