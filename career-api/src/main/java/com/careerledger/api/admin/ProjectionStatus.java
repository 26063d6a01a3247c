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
 * @param lastRebuild how the last rebuild of it on this instance ended, if one has since it started
 * @param deadLetters events parked in its dead-letter queue (ADR 0008; {@code GET /api/admin/dead-letters}): it
 *                    lacks them, and the later events of their people, until they are retried
 */
public record ProjectionStatus(String name, Kind kind, State state, boolean running, @Nullable Long position,
                               long head, @Nullable Long lag, int segments, @Nullable Rebuild rebuild,
                               @Nullable String error, String processor, @Nullable Long deadLetters,
                               @Nullable LastRebuild lastRebuild) {

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
     * A rebuild under way. Readers are served the current tables meanwhile, which the live processor keeps current;
     * the rebuilt ones take their place when it is done ({@code SWITCHING}).
     *
     * @param done            global index the rebuilt tables have reached
     * @param total           the head of the event store now: where the rebuild goes
     * @param eventsPerSecond recent speed of the rebuild
     * @param etaSeconds      at that speed, time to the end of the store; null until a speed is known
     * @param phase           what it is doing
     */
    public record Rebuild(long done, long total, double percent, long eventsPerSecond, @Nullable Long etaSeconds,
                          Instant startedAt, RebuildPhase phase) {
    }

    /**
     * What a rebuild is doing: making the empty tables ({@code PREPARING}), writing every event into them
     * ({@code COPYING}), making them durable and gathering their statistics ({@code FINISHING}), taking the events
     * written meanwhile ({@code CATCHING_UP}), putting them in place of the current ones ({@code SWITCHING}).
     */
    @Schema(name = "RebuildPhase")
    public enum RebuildPhase { PREPARING, COPYING, FINISHING, CATCHING_UP, SWITCHING }

    /**
     * How a rebuild ended: its tables switched in, or it failed or was cancelled, leaving the current tables as they
     * were.
     */
    @Schema(name = "RebuildOutcome")
    public enum RebuildOutcome { SWITCHED, FAILED, CANCELLED }

    /**
     * The last rebuild of a read model.
     *
     * @param events events handed to the read models
     * @param error  why it failed: the kind of failure and the phase it failed in
     */
    public record LastRebuild(RebuildOutcome outcome, Instant startedAt, Instant finishedAt, long events,
                              @Nullable String error) {
    }
}
