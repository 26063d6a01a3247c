package com.careerledger.api.admin;

import com.careerledger.api.deadletters.DeadLetters;
import com.careerledger.api.error.ApiRule;
import com.careerledger.api.error.ApiRuleViolation;
import com.careerledger.api.error.Failures;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.ReadModelGroups;
import com.careerledger.projections.support.SelectiveReplay;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.careerledger.projections.support.EventStreams;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds read models and reports how far each one is. Every read model runs in one tracking processor
 * ({@link ReadModelGroups#PROCESSOR}, ADR 0006) but is listed, and rebuilt, under its own name: a rebuild stops
 * the processor, resets its tokens with a replay context naming the read models to rebuild (their reset handlers
 * empty their tables; {@link SelectiveReplay} skips the replayed events for the others) and starts it again from
 * the first event. A rebuild asked for while another is running joins it: both start again from the first event.
 * Writes carry on throughout; the other read models keep answering (they have every event up to the reset, and
 * take the new ones once the replay has passed it). Progress is sampled every second, logged every five.
 */
@Component
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    private static final int SAMPLES = 6;

    private final EventProcessingConfiguration processing;
    private final EventStreams streams;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final DeadLetters deadLetters;
    /** Recent positions of each tracking processor, for the replay's speed. */
    private final Map<String, ReplaySpeed> speeds = new ConcurrentHashMap<>();
    /** When the rebuild of each read model started. */
    private final Map<String, Instant> rebuildsStarted = new ConcurrentHashMap<>();
    /** The head of the event store when each processor's rebuild started: where the replay ends. */
    private final Map<String, Long> rebuildTargets = new ConcurrentHashMap<>();
    private long ticks;

    public ProjectionAdmin(EventProcessingConfiguration processing, EventStreams streams, TokenStore tokenStore,
                           TransactionManager transactions, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.streams = streams;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    public List<ProjectionStatus> all() {
        long head = head();
        Map<String, Long> parked = deadLetters.sizes();
        List<ProjectionStatus> all = new ArrayList<>();
        for (EventProcessor p : processors()) {
            if (isReadModels(p)) {
                ReadModelGroups.GROUPS.forEach(group -> all.add(status(group, p, head, parked)));
            } else {
                all.add(status(p.getName(), p, head, parked));
            }
        }
        all.sort(Comparator.comparing(ProjectionStatus::name));
        return all;
    }

    public ProjectionStatus one(String name) {
        return status(name, processorOf(name), head(), deadLetters.sizes());
    }

    /**
     * Starts a rebuild of every read model (every tracking processor) and returns at once: one replay, one
     * reading of the event stream for all of them.
     */
    public synchronized List<ProjectionStatus> rebuildAll() {
        for (EventProcessor p : processors()) {
            if (p instanceof TrackingEventProcessor) {
                rebuild(isReadModels(p) ? SelectiveReplay.ALL : p.getName(), p);
            }
        }
        return all();
    }

    /** Starts a rebuild and returns at once; the replay runs on the processor's own threads. */
    public synchronized ProjectionStatus rebuild(String name) {
        rebuild(name, processorOf(name));
        return one(name);
    }

    private void rebuild(String name, EventProcessor processor) {
        if (!(processor instanceof TrackingEventProcessor tracking)) {
            throw new ApiRuleViolation(ApiRule.PROJECTION_NOT_REBUILDABLE, "projection " + name
                    + " runs inside the write transaction and is not rebuilt by replay");
        }
        long head = head();
        tracking.shutDown();
        Set<String> named = new TreeSet<>();
        try {
            if (isReadModels(processor)) {
                // a replay under way joins this one: it starts again from the first event for both
                named.addAll(replayingNow(processor.getName()));
                named.add(name);
            } else {
                named.add(SelectiveReplay.ALL);
            }
            tracking.resetTokens(SelectiveReplay.context(named));
        } catch (UnableToClaimTokenException e) {
            tracking.start();
            throw new ProjectionBusyException("projection " + name
                    + " is being processed by another instance; stop it there or retry when its claim expires");
        }
        clearDeadLetters(processor, named);
        Instant now = Instant.now();
        speeds.remove(processor.getName());
        Set<String> started = named.contains(SelectiveReplay.ALL)
                ? (isReadModels(processor) ? Set.copyOf(ReadModelGroups.GROUPS) : Set.of(name)) : named;
        if (isReadModels(processor)) {
            rebuildsStarted.keySet().removeIf(n -> ReadModelGroups.GROUPS.contains(n) && !started.contains(n));
        }
        started.forEach(n -> rebuildsStarted.put(n, now));
        rebuildTargets.put(processor.getName(), head);
        tracking.start();
        log.info("Rebuild of {} started from the first event (head of the event store: {})",
                named.contains(SelectiveReplay.ALL) ? "every projection of '" + processor.getName() + "'"
                        : "read models " + named, head);
    }

    /**
     * A read model rebuilt from the first event starts without dead letters: the replay handles its parked events
     * again in their place, and parks again whatever still fails. The queues of the read models not rebuilt stay.
     */
    private void clearDeadLetters(EventProcessor processor, Set<String> named) {
        if (!isReadModels(processor)) {
            return;
        }
        List<String> cleared = named.contains(SelectiveReplay.ALL) ? ReadModelGroups.GROUPS
                : ReadModelGroups.GROUPS.stream().filter(named::contains).toList();
        transactions.executeInTransaction(() -> cleared.forEach(group -> processing.deadLetterQueue(group)
                .ifPresent(queue -> queue.clear())));
    }

    @Scheduled(fixedDelay = 1000)
    void sample() {
        ticks++;
        long head;
        try {
            head = head();
        } catch (RuntimeException e) {
            if (Failures.databaseUnavailable(e)) {
                // an outage: health, the processors and every request already say so; no stack trace each second
                return;
            }
            throw e;
        }
        for (EventProcessor p : processors()) {
            if (p instanceof TrackingEventProcessor tracking) {
                OptionalLong position = position(tracking.processingStatus().values());
                position.ifPresent(pos -> speeds.computeIfAbsent(p.getName(), k -> new ReplaySpeed(SAMPLES))
                        .sample(System.nanoTime(), pos));
                if (ticks % 5 == 0 && replaying(tracking.processingStatus().values())) {
                    List<String> names = isReadModels(p) ? ReadModelGroups.GROUPS : List.of(p.getName());
                    for (String name : names) {
                        // logs only while there is a rebuild block, i.e. while the replay has not reached its end
                        ProjectionStatus.Rebuild r = status(name, p, head, null).rebuild();
                        if (r != null) {
                            log.info("Rebuilding projection '{}': {} of {} events ({}%), {} events/s{}", name, r.done(),
                                    r.total(), String.format("%.1f", r.percent()), r.eventsPerSecond(),
                                    r.etaSeconds() == null ? "" : ", about " + r.etaSeconds() + " s left");
                        }
                    }
                }
            }
        }
    }

    private ProjectionStatus status(String name, EventProcessor p, long head, Map<String, Long> deadLetters) {
        if (p instanceof SubscribingEventProcessor) {
            return new ProjectionStatus(name, ProjectionStatus.Kind.subscribing, ProjectionStatus.State.IN_TRANSACTION, p.isRunning(), null, head, 0L, 0,
                    null, null, p.getName(), null);
        }
        TrackingEventProcessor tracking = (TrackingEventProcessor) p;
        Collection<EventTrackerStatus> segments = tracking.processingStatus().values();
        OptionalLong position = position(segments);
        Long pos = position.isPresent() ? position.getAsLong() : null;
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(s -> s.getError() == null ? "error" : s.getError().getClass().getSimpleName()).orElse(null);
        boolean replaying = replaying(segments);
        long target = rebuildTarget(p.getName(), segments, head);
        // a processor that had handled nothing yet gets no replay token from a reset: what was asked here counts
        boolean named = replayNames(segments, name) || rebuildsStarted.containsKey(name) && rebuildRemaining(pos, target);
        if (replaying && !named && pos != null) {
            // not being rebuilt: it has every event up to where the replay was started
            pos = Math.max(pos, resetPosition(segments).orElse(pos));
        }
        ProjectionStatus.Rebuild rebuild = null;
        ProjectionStatus.State state;
        if (error != null) {
            state = ProjectionStatus.State.ERROR;
        } else if (!tracking.isRunning()) {
            state = ProjectionStatus.State.STOPPED;
        } else if (named && rebuildRemaining(pos, target)) {
            state = ProjectionStatus.State.REBUILDING;
            long done = pos == null ? 0 : Math.min(pos, target);
            ReplaySpeed.Estimate speed = speeds.getOrDefault(p.getName(), ReplaySpeed.UNKNOWN).estimate(target - done);
            rebuild = new ProjectionStatus.Rebuild(done, target, target == 0 ? 100.0 : 100.0 * done / target,
                    speed.eventsPerSecond(), speed.etaSeconds(), rebuildsStarted.get(name));
        } else if (segments.isEmpty()) {
            state = ProjectionStatus.State.WAITING_FOR_CLAIM;
        } else if (replaying) {
            state = pos != null && pos >= head ? ProjectionStatus.State.LIVE : ProjectionStatus.State.CATCHING_UP;
        } else {
            state = segments.stream().allMatch(EventTrackerStatus::isCaughtUp) ? ProjectionStatus.State.LIVE : ProjectionStatus.State.CATCHING_UP;
        }
        Long lag = pos == null ? null : Math.max(0, head - pos);
        return new ProjectionStatus(name, ProjectionStatus.Kind.tracking, state, tracking.isRunning(), pos, head, lag,
                segments.size(), rebuild, error, p.getName(), deadLetters == null ? null : deadLetters.getOrDefault(name, 0L));
    }

    /** Whether the replay under way rebuilds {@code name}: its context names it (a replay without one, all). */
    private static boolean replayNames(Collection<EventTrackerStatus> segments, String name) {
        return segments.stream().map(s -> SelectiveReplay.rebuilding(s.getTrackingToken()))
                .anyMatch(named -> named.contains(SelectiveReplay.ALL) || named.contains(name));
    }

    /**
     * Axon keeps a processor "replaying" until its token covers the token at reset, which gaps in the global
     * index (left by rolled-back transactions) can delay long after the replay reached the head. For the people
     * watching, a rebuild is done once its position has reached where the event store stood when it started.
     */
    private static boolean rebuildRemaining(Long position, long target) {
        return position == null || position < target;
    }

    /**
     * Where the replay ends: the head of the event store when the rebuild started (Axon's own reset position is
     * where the processor was, which may be behind the head). Rebuilds started elsewhere fall back to it.
     */
    private long rebuildTarget(String name, Collection<EventTrackerStatus> segments, long head) {
        long reset = resetPosition(segments).orElse(head);
        Long target = rebuildTargets.get(name);
        return target == null ? reset : Math.max(target, reset);
    }

    /** The slowest segment's position: everything up to it is in the read model. */
    private static OptionalLong position(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
    }

    /** Whether a rebuild is under way: a replay token in place (until the processor has passed the reset point). */
    private static boolean replaying(Collection<EventTrackerStatus> segments) {
        return segments.stream().anyMatch(s -> !SelectiveReplay.rebuilding(s.getTrackingToken()).isEmpty());
    }

    private long head() {
        return streams.head();
    }

    private Collection<EventProcessor> processors() {
        return processing.eventProcessors().values();
    }

    /** Where the replay under way started its replay from: the position the processor had reached. */
    private static OptionalLong resetPosition(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getResetPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
    }

    /**
     * The read models a replay stored in the processor's tokens is rebuilding (read from the token store: the
     * processor is stopped, its in-memory status is gone). {@code *} for a replay without a context.
     */
    private Set<String> replayingNow(String processorName) {
        return transactions.fetchInTransaction(() -> {
            Set<String> named = new TreeSet<>();
            for (int segment : tokenStore.fetchSegments(processorName)) {
                TrackingToken token = tokenStore.fetchToken(processorName, segment);
                // a replay that has reached its reset point keeps its replay token until the next event: it is over
                boolean over = token instanceof ReplayToken replay && replay.getCurrentToken() != null
                        && replay.getTokenAtReset() != null && replay.getCurrentToken().covers(replay.getTokenAtReset());
                if (!over) {
                    named.addAll(SelectiveReplay.rebuilding(token));
                }
            }
            return named;
        });
    }

    private static boolean isReadModels(EventProcessor p) {
        return ReadModelGroups.PROCESSOR.equals(p.getName());
    }

    /** The processor a projection runs in: the shared one for a read model, its own for the others. */
    private EventProcessor processorOf(String name) {
        if (ReadModelGroups.PROCESSOR.equals(name)) {
            throw new NotFoundException("no projection named " + name);
        }
        return processing.eventProcessor(ReadModelGroups.processorOf(name))
                .orElseThrow(() -> new NotFoundException("no projection named " + name));
    }
}
