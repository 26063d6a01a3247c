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
        return awaitVersion(aggregateId, target, view, read, versionOf);
    }

    /**
     * What one read of a view saw, together with the event store: the sequence number of the aggregate's latest
     * stored event ({@code -1} if it has none), taken in the same statement (the same snapshot) as the view.
     */
    public record Sighting<T>(long stored, Optional<T> view) {
    }

    /**
     * Read-your-writes in one round trip: {@code read} returns the view and the aggregate's latest stored sequence
     * number from one query. The number is read when
     * the query runs, after this call began, so a view at or past it reflects every event stored when the call
     * began; if the view is behind, it is read again (briefly, with a bounded back-off) until it has caught up
     * with the number the first read saw.
     *
     * @param aggregateId whose events the view reflects
     * @param read        reads the view and the stored sequence number in one statement
     * @param versionOf   the aggregate sequence number a view reflects
     * @return the view once it reflects every event stored for the aggregate when this call began; empty if
     * the aggregate has no events
     * @throws ReadModelBehindException if the projection did not catch up within the timeout
     */
    public <T> Optional<T> readWithStored(String aggregateId, Supplier<Sighting<T>> read, ToLongFunction<T> versionOf) {
        Sighting<T> first = read.get();
        if (first.stored() < 0) {
            return Optional.empty();
        }
        return awaitVersion(aggregateId, first.stored(), first.view(), () -> read.get().view(), versionOf);
    }

    private <T> Optional<T> awaitVersion(String aggregateId, long target, Optional<T> view,
                                         Supplier<Optional<T>> read, ToLongFunction<T> versionOf) {
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
