package com.careerledger.api.admin;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How fast a replay goes: the positions a processor reached at its last few samples (ProjectionAdmin takes one a
 * second), and from them the events per second between the oldest and the newest, and at that speed the time left.
 * The caller says when each sample was taken, so the arithmetic does not depend on a clock.
 */
final class ReplaySpeed {

    /** No samples: no speed, no estimate. */
    static final ReplaySpeed UNKNOWN = new ReplaySpeed(2);

    /**
     * @param eventsPerSecond 0 until two samples show the replay moving
     * @param etaSeconds      at that speed, seconds to the end; null while there is no speed
     */
    record Estimate(long eventsPerSecond, Long etaSeconds) {
    }

    private record Sample(long nanos, long position) {
    }

    private final int window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** @param window how many samples to keep: the speed is measured across them */
    ReplaySpeed(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("a speed needs two samples");
        }
        this.window = window;
    }

    /** The processor was at {@code position} at {@code nanos} (a {@link System#nanoTime()} reading). */
    synchronized void sample(long nanos, long position) {
        samples.addLast(new Sample(nanos, position));
        while (samples.size() > window) {
            samples.removeFirst();
        }
    }

    /** The speed across the samples kept, and the time it needs for {@code remaining} more events. */
    synchronized Estimate estimate(long remaining) {
        long rate = eventsPerSecond();
        return new Estimate(rate, rate > 0 ? remaining / rate : null);
    }

    private long eventsPerSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return seconds <= 0 ? 0 : Math.round((last.position() - first.position()) / seconds);
    }
}
