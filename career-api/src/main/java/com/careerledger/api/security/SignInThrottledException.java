package com.careerledger.api.security;

import org.springframework.security.authentication.LockedException;

/**
 * Too many failed sign-ins: answered 429 with {@code Retry-After}. An {@code AccountStatusException} (through
 * {@link LockedException}), so that no other authentication provider is asked instead.
 */
public class SignInThrottledException extends LockedException {

    private final long retryAfterSeconds;

    public SignInThrottledException(long retryAfterSeconds) {
        super("too many failed sign-ins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
