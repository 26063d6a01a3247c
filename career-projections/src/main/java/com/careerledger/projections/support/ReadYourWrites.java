package com.careerledger.projections.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Read-your-writes for read models fed by streaming processors. A read of one aggregate's view first learns
 * the aggregate's latest sequence number from the event store; if the view is behind, it waits (briefly, with
 * a bounded back-off) until the projection has caught up. Writes never wait, so they stay as fast as the
 * event store; a read waits only in the rare case it races a write it has already seen acknowledged.
 */
@Component
public class ReadYourWrites {

    private final EventStreams streams;
    private final Duration timeout;

    public ReadYourWrites(EventStreams streams,
                          @Value("${career.read-your-writes.timeout:5s}") Duration timeout) {
        this.streams = streams;
        this.timeout = timeout;
    }

    /**
     * @param aggregateId whose events the view reflects
     * @param read        reads the view; empty if the projection has no row yet
     * @param versionOf   the aggregate sequence number a view reflects
     * @return the view once it reflects every event stored for the aggregate when this call began; empty if
     * the aggregate has no events
     * @throws ReadModelBehindException if the projection did not catch up within the timeout (during a rebuild,
     *                                  or while its processor is stopped): never a view older than the store
     */
    public <T> Optional<T> read(String aggregateId, Supplier<Optional<T>> read, ToLongFunction<T> versionOf) {
        long target = streams.lastSequence(aggregateId);
        Optional<T> view = read.get();
        if (target < 0) {
            return view;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMicros = 200;
        while (view.isEmpty() || versionOf.applyAsLong(view.get()) < target) {
            if (System.nanoTime() > deadline) {
                throw new ReadModelBehindException(aggregateId, target,
                        view.map(v -> versionOf.applyAsLong(v)).orElse(null));
            }
            LockSupport.parkNanos(pauseMicros * 1_000);
            pauseMicros = Math.min(pauseMicros * 2, 20_000);
            view = read.get();
        }
        return view;
    }
}
