package com.careerledger.api.concurrency;

import com.careerledger.api.error.Problems;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems of conditional writes ({@code If-Match}) and retries ({@code Idempotency-Key}). Ahead of the general
 * handler (web/ProblemHandler), whose catch-all would otherwise answer these with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConcurrencyProblems {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyProblems.class);

    /** The write named a version (If-Match) its target is no longer at: nothing was applied. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail versionConflict(ConflictingAggregateVersionException e) {
        log.info("Version conflict refused: {}", e.getMessage());
        long expected = e.getExpectedVersion();
        long current = e.getActualVersion();
        String detail = current > expected
                ? "the current version " + current + " is newer than the If-Match version " + expected
                  + ": it has changed since you read it; read it again and retry with its current ETag"
                : "the current version is " + current + ", not the If-Match version " + expected
                  + "; read it again and retry with its current ETag";
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "version-conflict", "Version conflict", detail);
        problem.setProperty("currentVersion", current);
        problem.setProperty("expectedVersion", expected);
        return problem;
    }

    /** The request ran so long that a retry with its Idempotency-Key took over; its command was rolled back. */
    @ExceptionHandler(IdempotencyKeyTakenOverException.class)
    ProblemDetail takenOver(IdempotencyKeyTakenOverException e) {
        log.info("Idempotent request taken over by its retry; its command was rolled back");
        return Problems.of(HttpStatus.CONFLICT, "idempotency-key-taken-over", "Idempotency key taken over",
                "a retry with the same Idempotency-Key took this request over; nothing of this one was stored: "
                        + "the retry's result is the request's result");
    }

    @ExceptionHandler(MalformedPreconditionException.class)
    ProblemDetail malformedHeader(MalformedPreconditionException e) {
        return Problems.invalid(e.header(), e.getMessage());
    }
}
