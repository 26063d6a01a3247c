package com.careerledger.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Polls until a condition holds or a deadline passes. The deadline bounds how long a scenario takes to say that
 * something did not happen; it is never the expectation itself (those are checked on the figures measured).
 */
final class Wait {

    /** How it ended: the last value read, whether the condition held, after how long, and the last read's failure. */
    record Outcome<T>(T value, boolean reached, double seconds, Exception lastError) {

        String describe() {
            return reached ? String.format(java.util.Locale.US, "after %.1f s", seconds)
                    : String.format(java.util.Locale.US, "not within %.0f s", seconds)
                    + (lastError != null ? " (last error: " + lastError.getMessage() + ")" : "");
        }
    }

    private Wait() {
    }

    static <T> Outcome<T> until(Callable<T> read, Predicate<T> done, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        T value = null;
        Exception error = null;
        while (true) {
            try {
                value = read.call();
                error = null;
                if (done.test(value)) {
                    return new Outcome<>(value, true, (System.nanoTime() - start) / 1e9, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome<>(value, false, (System.nanoTime() - start) / 1e9, e);
            } catch (Exception e) {
                error = e;
            }
            if (System.nanoTime() > deadline) {
                return new Outcome<>(value, false, (System.nanoTime() - start) / 1e9, error);
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** Lets time pass on purpose: the length of an outage, the age a gap must reach. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Lets time pass until {@code nanoTime} reaches {@code deadlineNanos}. */
    static void pauseUntil(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            pause(Duration.ofNanos(left));
        }
    }
}
