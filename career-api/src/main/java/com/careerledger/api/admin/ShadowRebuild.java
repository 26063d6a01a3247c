package com.careerledger.api.admin;

import com.careerledger.api.admin.ProjectionStatus.RebuildOutcome;
import com.careerledger.api.admin.ProjectionStatus.RebuildPhase;
import com.careerledger.api.admin.storage.ShadowTables;
import com.careerledger.projections.support.ProjectionBatch;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One rebuild of some read models, without downtime (ADR 0013). Readers keep the current tables throughout and the
 * live processor keeps them current; the rebuild writes copies of them ({@link ShadowTables}) and puts the copies in
 * their place only once they have caught up:
 * <ol>
 *     <li><b>copying</b>: every event of the store, in order, through the read models' own handlers, into unlogged
 *     copies. One thread reads, upcasts and deserialises the events a
 *     rebuilt read model handles (the others are skipped unread) while another hands them to the handlers in large
 *     batches, one transaction each, so the JVM and PostgreSQL work at once;</li>
 *     <li><b>finishing</b>: the copies are logged and analysed;</li>
 *     <li><b>catching up</b> with what was written meanwhile, until the copies are a batch or less behind;</li>
 *     <li><b>switching</b>, in one transaction: the current tables are locked (readers wait a moment, and are then
 *     served the new ones), the live processor's position is taken (its claim with it, from whichever instance held
 *     it), the copies are given exactly the events that position covers, the read models' dead letters become those
 *     the rebuild parked, and the copies take the current tables' place. The live processor then goes on from where
 *     it was, on the new tables. If the live processor is behind the copies (stopped, say) and every read model was
 *     rebuilt, the copies go on to the end of the store and the processor's position moves there instead.</li>
 * </ol>
 * A failure or a cancellation at any point before the switch commits drops the copies: the current tables are
 * untouched. An event a handler cannot take is parked as the live processor would park it (ADR 0008), and the later
 * events of its person with it.
 */
final class ShadowRebuild implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);

    /** Everything a rebuild works with. */
    record Parts(EventStorageEngine events, TokenStore tokens, ShadowTables shadow, PlatformTransactionManager transactions,
                 SequencingPolicy<EventMessage<?>> sequencing, String processor,
                 Function<String, Optional<SequencedDeadLetterQueue<EventMessage<?>>>> deadLetters,
                 LiveProcessor live, int batchSize, int threads, Clock clock) {
    }

    /** The live processor, stopped for the switch and started again after it. */
    interface LiveProcessor {
        void stop();

        void start();
    }

    /** A read model being rebuilt: its name, tables and handlers. */
    record Target(String group, List<String> tables, AnnotationEventHandlerAdapter handlers) {
    }

    /** How it ended, for the status of its read models. */
    record Result(RebuildOutcome outcome, Instant startedAt, Instant finishedAt, long events, String error) {
    }

    private record Parked(String group, Object sequence, TrackedEventMessage<?> event, Throwable cause) {
    }

    private record Batch(List<TrackedEventMessage<?>> events, TrackingToken last, long position, RuntimeException failure) {
        static final Batch END = new Batch(List.of(), null, -1, null);
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final Parts parts;
    private final List<Target> targets;
    private final boolean everyReadModel;
    private final ShadowTables.RebuildLock lock;
    private final String live;
    private final List<String> tables = new ArrayList<>();
    private final Instant startedAt;
    private final ReplaySpeed speed = new ReplaySpeed(6);
    /** The sequences (people) parked per read model, and every event parked, in order. */
    private final Map<String, Set<Object>> parkedSequences = new HashMap<>();
    private final List<Parked> parked = new ArrayList<>();

    private volatile RebuildPhase phase = RebuildPhase.PREPARING;
    private volatile boolean cancelled;
    private volatile long position;
    private volatile long handled;
    private volatile long target;
    private volatile Result result;
    private TrackingToken token;
    private long lastLog;
    /** The threads that hand the segments of a batch to the handlers; null while not copying. */
    private java.util.concurrent.ExecutorService workers;

    ShadowRebuild(Parts parts, List<Target> targets, boolean everyReadModel, ShadowTables.RebuildLock lock, String live,
                  long head) {
        this.parts = parts;
        this.targets = List.copyOf(targets);
        this.everyReadModel = everyReadModel;
        this.lock = lock;
        this.live = live;
        this.targets.forEach(t -> tables.addAll(t.tables()));
        this.startedAt = parts.clock().instant();
        this.target = head;
    }

    Set<String> groups() {
        Set<String> groups = new HashSet<>();
        targets.forEach(t -> groups.add(t.group()));
        return groups;
    }

    /** Null while it runs. */
    Result result() {
        return result;
    }

    /** Asks it to stop: it does before the switch, leaving the current tables as they are. */
    void cancel() {
        cancelled = true;
    }

    /** Progress against the head of the event store now (which writes move on). */
    ProjectionStatus.Rebuild progress(long head) {
        long total = Math.max(head, target);
        long done = Math.min(position, total);
        ReplaySpeed.Estimate estimate = speed.estimate(total - done);
        return new ProjectionStatus.Rebuild(done, total, total == 0 ? 100.0 : 100.0 * done / total,
                estimate.eventsPerSecond(), estimate.etaSeconds(), startedAt, phase);
    }

    @Override
    public void run() {
        RebuildOutcome outcome = RebuildOutcome.FAILED;
        String error = null;
        try (lock) {
            try {
                log.info("Rebuild of read models {} started: copies of {} are written while readers keep the current "
                        + "ones", groups(), tables);
                rebuild();
                outcome = RebuildOutcome.SWITCHED;
                log.info("Rebuild of read models {} switched in after {} s: {} events, {} parked", groups(),
                        (parts.clock().millis() - startedAt.toEpochMilli()) / 1000, handled, parked.size());
            } catch (Cancelled e) {
                outcome = RebuildOutcome.CANCELLED;
                log.info("Rebuild of read models {} cancelled; the current tables are as they were", groups());
            } catch (RuntimeException | Error e) {
                error = e.getClass().getSimpleName() + " while " + phase.name().toLowerCase().replace('_', ' ');
                log.error("Rebuild of read models {} failed while {}; the current tables are as they were", groups(),
                        phase, e);
            } finally {
                try {
                    parts.shadow().drop(live);
                } catch (RuntimeException e) {
                    log.warn("Could not drop the rebuild's copies; the next rebuild drops them", e);
                }
            }
        } finally {
            // last, once the lock is free: a rebuild asked for when this one reads as ended may start at once
            finish(outcome, error);
        }
    }

    private void rebuild() {
        parts.shadow().create(live, tables);
        phase = RebuildPhase.COPYING;
        if (parts.threads() > 1) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            workers = java.util.concurrent.Executors.newFixedThreadPool(parts.threads(), r -> {
                Thread t = new Thread(r, "rebuild-segment-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        }
        try {
            copy();
        } finally {
            if (workers != null) {
                workers.shutdownNow();
                workers = null;
            }
        }
        phase = RebuildPhase.FINISHING;
        checkCancelled();
        parts.shadow().finish(live, tables);
        phase = RebuildPhase.CATCHING_UP;
        long behind;
        int rounds = 0;
        do {
            copy();
            TrackingToken head = parts.events().createHeadToken();
            behind = (head == null ? 0 : head.position().orElse(0)) - position;
        } while (behind > parts.batchSize() && ++rounds < 20);
        phase = RebuildPhase.SWITCHING;
        checkCancelled();
        switchOver();
    }

    private void finish(RebuildOutcome outcome, String error) {
        result = new Result(outcome, startedAt, parts.clock().instant(), handled, error);
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    // --- copying ------------------------------------------------------------------------------------------------

    /** Every event after {@link #token} into the copies, to the end of the store as it is now. */
    private void copy() {
        BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(4);
        TrackingToken from = token;
        Thread reader = new Thread(() -> read(from, batches), "rebuild-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Batch batch = batches.poll(1, TimeUnit.SECONDS);
                checkCancelled();
                if (batch == null) {
                    continue;
                }
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                if (batch == Batch.END) {
                    return;
                }
                if (!batch.events().isEmpty()) {
                    handleInSegments(batch.events());
                }
                token = batch.last();
                position = batch.position();
                sample();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            reader.interrupt();
        }
    }

    /**
     * The reading thread: events after {@code from}, upcast; only those a rebuilt read model handles are
     * deserialised and passed on (the position moves past the others all the same).
     */
    private void read(TrackingToken from, BlockingQueue<Batch> out) {
        try (Stream<? extends TrackedEventMessage<?>> stream = parts.events().readEvents(from, false)) {
            List<TrackedEventMessage<?>> events = new ArrayList<>(parts.batchSize());
            TrackingToken last = from;
            long lastPosition = position;
            int read = 0;
            var it = stream.iterator();
            while (it.hasNext()) {
                if (cancelled || Thread.currentThread().isInterrupted()) {
                    return;
                }
                TrackedEventMessage<?> event = it.next();
                read++;
                last = event.trackingToken();
                lastPosition = last.position().orElse(lastPosition);
                if (handled(event)) {
                    events.add(event);
                }
                if (events.size() >= parts.batchSize() || read >= 4 * parts.batchSize()) {
                    out.put(new Batch(events, last, lastPosition, null));
                    events = new ArrayList<>(parts.batchSize());
                    read = 0;
                }
            }
            if (read > 0) {
                out.put(new Batch(events, last, lastPosition, null));
            }
            out.put(Batch.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                out.put(new Batch(List.of(), null, -1, e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether a rebuilt read model handles the event; if so, its payload is read now, on the reading thread. */
    private boolean handled(TrackedEventMessage<?> event) {
        Class<?> type;
        try {
            type = event.getPayloadType();
        } catch (RuntimeException unknownType) {
            return true; // the handlers fail on it, and it is parked
        }
        for (Target t : targets) {
            if (t.handlers().canHandleType(type)) {
                try {
                    event.getPayload();
                } catch (RuntimeException unreadable) {
                    // the handler meets the same failure and the event is parked
                }
                return true;
            }
        }
        return false;
    }

    private void sample() {
        long now = System.nanoTime();
        speed.sample(now, position);
        if (now - lastLog > 5_000_000_000L) {
            lastLog = now;
            ProjectionStatus.Rebuild p = progress(target);
            log.info("Rebuilding read models {} ({}): at global index {} of about {}, {} events/s{}", groups(),
                    phase.name().toLowerCase().replace('_', ' '), p.done(), p.total(), p.eventsPerSecond(),
                    p.etaSeconds() == null ? "" : ", about " + p.etaSeconds() + " s left");
        }
    }

    /**
     * A batch split by person into {@link Parts#threads} segments, handled at once on as many threads, each in a
     * transaction of its own (every row of a read model belongs to one person, and one person's events stay in order
     * on one thread): while one waits for PostgreSQL, another runs handlers.
     */
    private void handleInSegments(List<TrackedEventMessage<?>> events) {
        int threads = workers == null ? 1 : parts.threads();
        if (threads == 1) {
            keep(handleBatch(events));
            handled += events.size();
            return;
        }
        List<List<TrackedEventMessage<?>>> segments = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            segments.add(new ArrayList<>());
        }
        for (TrackedEventMessage<?> event : events) {
            Object sequence = parts.sequencing().getSequenceIdentifierFor(event);
            segments.get(Math.floorMod(java.util.Objects.hashCode(sequence), threads)).add(event);
        }
        List<java.util.concurrent.Future<List<Parked>>> running = new ArrayList<>();
        for (List<TrackedEventMessage<?>> segment : segments) {
            if (!segment.isEmpty()) {
                running.add(workers.submit(() -> handleBatch(segment)));
            }
        }
        RuntimeException failure = null;
        List<Parked> parkedHere = new ArrayList<>();
        for (java.util.concurrent.Future<List<Parked>> f : running) {
            try {
                parkedHere.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        keep(parkedHere);
        handled += events.size();
    }

    /**
     * A batch of events into the copies in one unit of work and transaction: each read model's writes of the batch
     * are made once at its end ({@link ProjectionBatch}). If anything fails, the batch is rolled back and handled
     * again one handler call at a time, each in a savepoint, so that a failing event is parked alone.
     *
     * @return what it parked
     */
    private List<Parked> handleBatch(List<TrackedEventMessage<?>> events) {
        List<Parked> parkedHere = new ArrayList<>();
        try {
            inUnitOfWork(events, event -> {
                for (Target t : targets) {
                    if (t.handlers().canHandle(event) && !skipParked(t, event, parkedHere)) {
                        t.handlers().handle(event);
                    }
                }
            });
        } catch (Exception batchFailure) {
            log.warn("A batch of the rebuild failed ({}); its events are handled again one at a time, so that a failing"
                    + " one is parked alone", batchFailure.toString());
            parkedHere.clear();
            handleIsolated(events, parkedHere);
        }
        return parkedHere;
    }

    /**
     * Each handler call in a savepoint of its own, its writes flushed at once; a failure parks the event. In a unit of
     * work of its own, whose transaction is the caller's if it has one.
     */
    private void handleIsolated(List<TrackedEventMessage<?>> events, List<Parked> parkedHere) {
        TransactionTemplate savepoint = new TransactionTemplate(parts.transactions());
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        try {
            inUnitOfWork(events, event -> {
                for (Target t : targets) {
                    if (!t.handlers().canHandle(event) || skipParked(t, event, parkedHere)) {
                        continue;
                    }
                    try {
                        savepoint.executeWithoutResult(status -> {
                            try {
                                ProjectionBatch.isolated(() -> t.handlers().handle(event));
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    } catch (RuntimeException failure) {
                        Object sequence = parts.sequencing().getSequenceIdentifierFor(event);
                        parkedHere.add(new Parked(t.group(), sequence, event, rootOf(failure)));
                        log.warn("Event {} ({}) parked for read model {} by the rebuild: {}", event.getIdentifier(),
                                event.getPayloadType().getSimpleName(), t.group(), rootOf(failure).toString());
                    }
                }
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the event's person is parked for this read model (in this batch or before): then it is parked too. */
    private boolean skipParked(Target t, TrackedEventMessage<?> event, List<Parked> parkedHere) {
        Set<Object> sequences = parkedSequences.get(t.group());
        boolean parkedBefore = sequences != null && !sequences.isEmpty();
        boolean parkedNow = parkedHere.stream().anyMatch(p -> p.group().equals(t.group()));
        if (!parkedBefore && !parkedNow) {
            return false;
        }
        if (!t.handlers().canHandle(event)) {
            return false;
        }
        Object sequence = parts.sequencing().getSequenceIdentifierFor(event);
        boolean isParked = (sequences != null && sequences.contains(sequence)) || parkedHere.stream()
                .anyMatch(p -> p.group().equals(t.group()) && p.sequence().equals(sequence));
        if (isParked) {
            parkedHere.add(new Parked(t.group(), sequence, event, null));
        }
        return isParked;
    }

    private void keep(List<Parked> parkedHere) {
        for (Parked p : parkedHere) {
            parkedSequences.computeIfAbsent(p.group(), g -> new HashSet<>()).add(p.sequence());
            parked.add(p);
        }
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof IllegalStateException || cause.getClass().getSimpleName().equals("BatchToIsolate"))
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Runs {@code work} for each event in one unit of work (each event its current message, as in a processor's
     * batch) whose transaction writes the copies; commits it unless something fails, and then throws the failure.
     */
    private void inUnitOfWork(List<TrackedEventMessage<?>> events, Work work) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unit = new BatchingUnitOfWork<>(events);
        unit.attachTransaction(shadowTransactions());
        ResultMessage<?> result = unit.executeWithResult(() -> {
            work.handle(unit.getMessage());
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    /** One event's work, which may throw what a handler throws. */
    private interface Work {
        void handle(TrackedEventMessage<?> event) throws Exception;
    }

    /** Axon's view of a transaction that writes the copies: the rebuild's schema first on its search path. */
    private TransactionManager shadowTransactions() {
        return () -> {
            TransactionStatus status = parts.transactions().getTransaction(new DefaultTransactionDefinition());
            try {
                parts.shadow().writeShadow(live);
            } catch (RuntimeException e) {
                parts.transactions().rollback(status);
                throw e;
            }
            return new Transaction() {
                @Override
                public void commit() {
                    if (status.isNewTransaction() && !status.isCompleted()) {
                        parts.transactions().commit(status);
                    }
                }

                @Override
                public void rollback() {
                    if (status.isNewTransaction() && !status.isCompleted()) {
                        parts.transactions().rollback(status);
                    } else if (!status.isCompleted()) {
                        status.setRollbackOnly();
                    }
                }
            };
        };
    }

    // --- switching ----------------------------------------------------------------------------------------------

    /** Not yet: the live processor is behind the copies, and not every read model was rebuilt. */
    private static final class NotAligned extends RuntimeException {
        NotAligned(String message) {
            super(message, null, false, false);
        }
    }

    /** What the switch's transaction changed, kept once it has committed. */
    private record Switched(TrackingToken token, long position, List<Parked> parked) {
    }

    private void switchOver() {
        int attempts = 0;
        while (true) {
            checkCancelled();
            parts.live().stop();
            try {
                Switched switched = new TransactionTemplate(parts.transactions()).execute(status -> switchIn());
                token = switched.token();
                position = Math.max(position, switched.position());
                keep(switched.parked());
                return;
            } catch (NotAligned | org.springframework.dao.PessimisticLockingFailureException e) {
                // the live processor must catch up first; or readers, writers or another instance held a table
                // or the token for longer than the lock may wait: try again in a moment
                if (++attempts >= 60) {
                    throw e;
                }
                log.info("Switch of the rebuilt read models {} postponed ({}); trying again", groups(), e.getMessage());
            } finally {
                parts.live().start();
            }
            try {
                Thread.sleep(Math.min(1000, 100L * attempts));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }
    }

    /** The switch's transaction. */
    private Switched switchIn() {
        parts.shadow().writeShadow(live);
        parts.shadow().lockLive(live, tables, 2_000);
        parts.shadow().releaseClaims(parts.processor());
        int[] segmentIds = parts.tokens().fetchSegments(parts.processor());
        Map<Segment, TrackingToken> positions = new LinkedHashMap<>();
        Segment[] segments = Segment.computeSegments(segmentIds);
        for (Segment segment : segments) {
            positions.put(segment, parts.tokens().fetchToken(parts.processor(), segment.getSegmentId()));
        }
        List<Parked> parkedHere = new ArrayList<>();
        List<TrackedEventMessage<?>> rest;
        if (!positions.isEmpty() && positions.values().stream().allMatch(this::covers)) {
            // the usual case: the live processor has every event the copies have; they get the rest it has
            rest = eventsCoveredBy(positions);
            handleIsolated(rest, parkedHere);
        } else if (everyReadModel) {
            // it is behind (stopped, say): the copies go to the end of the store, and so does its position
            rest = new ArrayList<>();
            try (Stream<? extends TrackedEventMessage<?>> stream = parts.events().readEvents(token, false)) {
                stream.forEach(rest::add);
            }
            handleIsolated(rest, parkedHere);
            TrackingToken end = rest.isEmpty() ? token : rest.get(rest.size() - 1).trackingToken();
            if (positions.isEmpty()) {
                parts.tokens().initializeTokenSegments(parts.processor(), 1, end);
            } else if (end != null) {
                for (Segment segment : segments) {
                    parts.tokens().storeToken(end, parts.processor(), segment.getSegmentId());
                }
            }
        } else {
            throw new NotAligned("the live read models are behind the rebuilt ones");
        }
        List<Parked> allParked = new ArrayList<>(parked);
        allParked.addAll(parkedHere);
        for (Target t : targets) {
            parts.deadLetters().apply(t.group()).ifPresent(queue -> {
                queue.clear();
                for (Parked p : allParked) {
                    if (p.group().equals(t.group())) {
                        Throwable cause = p.cause() == null
                                ? new IllegalStateException("an earlier event of its person is parked") : p.cause();
                        queue.enqueue(p.sequence(), new GenericDeadLetter<>(p.sequence(), p.event(),
                                new ThrowableCause(cause)));
                    }
                }
            });
        }
        parts.shadow().swap(live, tables);
        TrackedEventMessage<?> last = rest.isEmpty() ? null : rest.get(rest.size() - 1);
        return new Switched(last == null ? token : last.trackingToken(),
                last == null ? position : last.trackingToken().position().orElse(position), parkedHere);
    }

    /** Whether the live processor's position (one segment's) has every event the copies have. */
    private boolean covers(TrackingToken live) {
        TrackingToken position = live instanceof WrappedToken wrapped ? wrapped.lowerBound() : live;
        if (token == null) {
            return true;
        }
        return position != null && position.covers(token instanceof WrappedToken w ? w.lowerBound() : token);
    }

    /** The events after the copies' position that the live processor has handled: those its segments' tokens cover. */
    private List<TrackedEventMessage<?>> eventsCoveredBy(Map<Segment, TrackingToken> positions) {
        // a segment that has handled nothing yet (an empty store) has no token
        long end = positions.values().stream().mapToLong(t -> t == null ? -1 : t.position().orElse(-1)).max().orElse(-1);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = parts.events().readEvents(token, false)) {
            var it = stream.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                long index = event.trackingToken().position().orElse(Long.MAX_VALUE);
                if (index > end) {
                    break;
                }
                Object sequence = parts.sequencing().getSequenceIdentifierFor(event);
                for (Map.Entry<Segment, TrackingToken> e : positions.entrySet()) {
                    if (e.getKey().matches(sequence) && handledBy(e.getValue(), index)) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private static boolean handledBy(TrackingToken live, long index) {
        TrackingToken position = live instanceof WrappedToken wrapped ? wrapped.lowerBound() : live;
        if (position instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return position != null && index <= position.position().orElse(-1);
    }
}
