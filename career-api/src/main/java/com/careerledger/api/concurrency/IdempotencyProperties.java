package com.careerledger.api.concurrency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Retries with {@code Idempotency-Key}; see application.yml and docs/operations.md.
 *
 * @param ttl               how long a key's first result is kept and replayed
 * @param inProgressTimeout how long a first request may run before its key counts as abandoned (the process
 *                          died mid-request) and a retry may run it again
 * @param cleanupInterval   how often expired keys are deleted
 */
@ConfigurationProperties("career.idempotency")
public record IdempotencyProperties(Duration ttl, Duration inProgressTimeout, Duration cleanupInterval) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        inProgressTimeout = inProgressTimeout == null ? Duration.ofMinutes(1) : inProgressTimeout;
        cleanupInterval = cleanupInterval == null ? Duration.ofMinutes(10) : cleanupInterval;
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("career.idempotency.ttl must be positive");
        }
        if (inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
            throw new IllegalArgumentException("career.idempotency.in-progress-timeout must be positive");
        }
    }
}
