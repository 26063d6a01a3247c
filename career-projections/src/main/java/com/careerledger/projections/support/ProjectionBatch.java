package com.careerledger.projections.support;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a projection defers to the end of the event processor's batch, so that a batch of events costs one JDBC
 * batch per statement instead of a round trip per event (quality.md: "one transaction per projected event during
 * rebuilds" is a trap; so is one statement per event).
 * <p>
 * A tracking processor handles a batch of events in one unit of work and one transaction. The first handler of a
 * projection that runs in that unit of work creates the projection's {@link Buffer}; every later event of the
 * batch finds the same buffer; the buffer is flushed when the unit of work prepares to commit — inside the
 * transaction, before the processor's token is stored with it, so rows and token still commit together and a
 * failed flush rolls both back (the batch is then handled again). Outside a unit of work (a handler called
 * directly) the buffer is flushed as soon as the handler's work is done.
 * <p>
 * A buffer holds what its projection wrote during the batch and has not flushed yet; a projection that reads its
 * own tables while handling an event must look in its buffer first, since the database does not have those rows
 * until the flush.
 * <p>
 * <em>Isolated</em> work ({@link #isolated}) flushes each handler's writes as soon as the handler is done, as
 * outside a unit of work: the failure of one event is then the failure of its own handler, which the dead-letter
 * queue can park without the rest of the batch (ADR 0008). {@link #touches()} tells whether a handler has put
 * anything in a batch's buffer.
 */
public final class ProjectionBatch {

    /** A projection's pending writes for one batch. */
    public interface Buffer {
        /** Writes everything pending; called once, at the end of the batch. */
        void flush();
    }

    /** The current batch's buffers not flushed yet, by resource key. */
    private static final String PENDING = ProjectionBatch.class.getName() + "/pending";
    /** Set while a handler runs isolated: its writes are flushed when it is done, not with the batch. */
    private static final ThreadLocal<Boolean> ISOLATED = new ThreadLocal<>();
    /** How many times this thread's handlers have asked for a buffer. */
    private static final ThreadLocal<long[]> TOUCHES = ThreadLocal.withInitial(() -> new long[1]);

    /** Each owner's resource key in the unit of work, made once (projections are singletons). */
    private static final Map<Object, String> KEYS = Collections.synchronizedMap(new IdentityHashMap<>());

    private ProjectionBatch() {
    }

    /**
     * Runs {@code work} against the buffer of {@code owner} (a projection) for the current batch.
     *
     * @param owner  the projection; one buffer per owner and batch
     * @param create makes the buffer for a new batch
     * @param work   what the handler does with it
     */
    public static <B extends Buffer> void with(Object owner, Supplier<B> create, Consumer<B> work) {
        TOUCHES.get()[0]++;
        if (!CurrentUnitOfWork.isStarted() || Boolean.TRUE.equals(ISOLATED.get())) {
            B buffer = create.get();
            work.accept(buffer);
            buffer.flush();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        String key = KEYS.computeIfAbsent(owner, o -> ProjectionBatch.class.getName() + "/" + o.getClass().getName()
                + "@" + Integer.toHexString(System.identityHashCode(o)));
        Map<String, Pending> pendings = root.getOrComputeResource(PENDING, p -> new java.util.LinkedHashMap<>());
        B buffer = root.getOrComputeResource(key, k -> {
            B created = create.get();
            Pending pending = new Pending(created);
            root.onPrepareCommit(u -> pending.flushOnce());
            pendings.put(k, pending);
            return created;
        });
        work.accept(buffer);
    }

    /**
     * Flushes, now, every buffer the current batch holds: what isolated work reads must include the batch's earlier
     * events (a replay meets an isolated event in the middle of a batch). Later work of the batch starts new buffers.
     */
    public static void flushPending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Pending> pending = root.getResource(PENDING);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            root.resources().remove(entry.getKey());
            entry.getValue().flushOnce();
        }
        pending.clear();
    }

    /** A batch's buffer, flushed once: by {@link #flushPending} or at the end of the batch. */
    private static final class Pending {
        private final Buffer buffer;
        private boolean flushed;

        Pending(Buffer buffer) {
            this.buffer = buffer;
        }

        void flushOnce() {
            if (!flushed) {
                flushed = true;
                buffer.flush();
            }
        }
    }

    /**
     * Runs {@code work} (one handler's handling of one event) with every buffer it asks for flushed as soon as it is
     * done, not at the end of the batch; a failing write then fails {@code work} itself.
     */
    public static <T> T isolated(Callable<T> work) throws Exception {
        Boolean before = ISOLATED.get();
        ISOLATED.set(Boolean.TRUE);
        try {
            return work.call();
        } finally {
            if (before == null) {
                ISOLATED.remove();
            } else {
                ISOLATED.set(before);
            }
        }
    }

    /** A count of the buffers this thread's handlers have asked for: unchanged over a handler, it wrote nothing. */
    public static long touches() {
        return TOUCHES.get()[0];
    }
}
