package com.careerledger.api.testsupport;

import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for the application's token buckets (write limit, sign-in throttle) that moves only when a test moves it:
 * a test declares it as a bean, and "after the window" is a step of the story, not a wait.
 */
public final class ManualTime implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(System.nanoTime());

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
