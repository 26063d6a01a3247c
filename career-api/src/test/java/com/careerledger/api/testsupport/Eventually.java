package com.careerledger.api.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for an eventually consistent read model to satisfy a condition. It asserts an outcome, never a
 * timing: the deadline only bounds how long a failing test takes to say so.
 */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(String what, Supplier<T> read, java.util.function.Predicate<T> done) {
        return await(what, read, done, Duration.ofSeconds(15));
    }

    public static <T> T await(String what, Supplier<T> read, java.util.function.Predicate<T> done, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + limit + ": " + what + "; last value: " + value);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            value = read.get();
        }
        return value;
    }
}
