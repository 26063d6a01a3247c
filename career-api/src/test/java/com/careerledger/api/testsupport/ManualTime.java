package com.careerledger.api.testsupport;

import io.github.bucket4j.TimeMeter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for the application's token buckets (write limit, sign-in throttle) that moves only when a test moves it:
 * a test imports {@link Config} (then autowires this), and "after the window" is a step of the story, not a wait.
 */
public final class ManualTime implements TimeMeter {

    /** Makes the application's buckets run on a {@code ManualTime}. */
    @TestConfiguration
    public static class Config {
        @Bean
        public ManualTime manualTime() {
            return new ManualTime();
        }
    }

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
