package com.careerledger.api.deadletters;

/**
 * A read model's handler failed after it had written into the batch's buffer, or its failure came from the
 * database: what the batch holds can no longer be trusted to contain none of that event's work, so the batch is
 * rolled back whole and handled again one event at a time, where a failure is the event's own ({@link
 * FailureIsolation}). Thrown through the dead-letter queue on purpose ({@link ReadModelEnqueuePolicy}).
 */
class BatchToIsolate extends RuntimeException {

    BatchToIsolate(Throwable cause) {
        super("a read model's handler failed inside a batch; the batch is handled again event by event", cause);
    }
}
