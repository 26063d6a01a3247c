package com.careerledger.api.admin;


import org.springframework.lang.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * Where one read model stands: its position in the global event order, how far behind the head of the event
 * store it is, and, during a rebuild, the progress of the replay.
 *
 * @param kind      "tracking" (asynchronous, rebuildable) or "subscribing" (in the command's transaction)
 * @param processor   the event processor it runs in: every read model runs in {@code read-models} (ADR 0006)
 * @param deadLetters events parked in its dead-letter queue (ADR 0008; {@code GET /api/admin/dead-letters}): it
 *                    lacks them, and the later events of their people, until they are retried
 */
public record ProjectionStatus(String name, Kind kind, State state, boolean running, @Nullable Long position,
                               long head, @Nullable Long lag, int segments, @Nullable Rebuild rebuild,
                               @Nullable String error, String processor, @Nullable Long deadLetters) {

    /** How a read model is kept: asynchronously (rebuildable), or in the command's own transaction. */
    @Schema(name = "ProjectionKind")
    public enum Kind { tracking, subscribing }

    /**
     * Where a read model is: {@code LIVE} (caught up), {@code CATCHING_UP}, {@code REBUILDING} (see {@code rebuild}),
     * {@code WAITING_FOR_CLAIM} (no instance runs it yet), {@code STOPPED}, {@code ERROR} (see {@code error}), or
     * {@code IN_TRANSACTION} (a subscribing one: always current).
     */
    @Schema(name = "ProjectionState")
    public enum State { LIVE, CATCHING_UP, REBUILDING, WAITING_FOR_CLAIM, STOPPED, ERROR, IN_TRANSACTION }

    /**
     * @param done            position reached in the replay (global index)
     * @param total           the head of the event store when the rebuild started: the replay's end
     * @param eventsPerSecond recent speed of the replay
     * @param etaSeconds      at that speed, time to the end; null until a speed is known
     */
    public record Rebuild(long done, long total, double percent, long eventsPerSecond, @Nullable Long etaSeconds,
                          Instant startedAt) {
    }
}
