package com.careerledger.api.concurrency;

/**
 * A request's command was about to commit, but the request no longer holds its {@code Idempotency-Key}: it ran so
 * long that a retry with the same key took the key over. The command is rolled back; the retry's result stands.
 */
public class IdempotencyKeyTakenOverException extends RuntimeException {

    public IdempotencyKeyTakenOverException() {
        super("the Idempotency-Key of this request was taken over by a retry; nothing of this request was stored");
    }
}
