package com.careerledger.api.admin;

import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.NotFoundException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds read models and reports how far each one is. A rebuild stops one tracking processor, resets its
 * tokens (its reset handler empties its tables) and starts it again from the first event; every other
 * processor, and every write, carries on. Progress is sampled every second, logged every five.
 */
@Component
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    private static final int SAMPLES = 6;

    private record Sample(long nanos, long position) {
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private final Map<String, Instant> rebuildsStarted = new ConcurrentHashMap<>();
    /** The head of the event store when each rebuild started: where the replay ends. */
    private final Map<String, Long> rebuildTargets = new ConcurrentHashMap<>();
    private long ticks;

    public ProjectionAdmin(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    public List<ProjectionStatus> all() {
        long head = head();
        return processors().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(p -> status(p, head))
                .toList();
    }

    public ProjectionStatus one(String name) {
        return status(processor(name), head());
    }

    /** Starts a rebuild and returns at once; the replay runs on the processor's own threads. */
    public ProjectionStatus rebuild(String name) {
        EventProcessor processor = processor(name);
        if (!(processor instanceof TrackingEventProcessor tracking)) {
            throw new DomainRuleViolation("projection-not-rebuildable", "projection " + name
                    + " runs inside the write transaction and is not rebuilt by replay");
        }
        tracking.shutDown();
        try {
            tracking.resetTokens();
        } catch (UnableToClaimTokenException e) {
            tracking.start();
            throw new DomainRuleViolation("projection-busy", "projection " + name
                    + " is being processed by another instance; stop it there or retry when its claim expires");
        }
        samples.remove(name);
        rebuildsStarted.put(name, Instant.now());
        rebuildTargets.put(name, head());
        tracking.start();
        log.info("Rebuild of projection '{}' started from the first event (head of the event store: {})", name, head());
        return one(name);
    }

    @Scheduled(fixedDelay = 1000)
    void sample() {
        ticks++;
        long head = head();
        for (EventProcessor p : processors()) {
            if (p instanceof TrackingEventProcessor tracking) {
                OptionalLong position = position(tracking.processingStatus().values());
                position.ifPresent(pos -> {
                    Deque<Sample> s = samples.computeIfAbsent(p.getName(), k -> new ArrayDeque<>());
                    synchronized (s) {
                        s.addLast(new Sample(System.nanoTime(), pos));
                        while (s.size() > SAMPLES) {
                            s.removeFirst();
                        }
                    }
                });
                if (ticks % 5 == 0 && replaying(tracking.processingStatus().values())) {
                    // logs only while there is a rebuild block, i.e. while the replay has not reached its end
                    ProjectionStatus status = status(p, head);
                    ProjectionStatus.Rebuild r = status.rebuild();
                    if (r != null) {
                        log.info("Rebuilding projection '{}': {} of {} events ({}%), {} events/s{}", p.getName(), r.done(),
                                r.total(), String.format("%.1f", r.percent()), r.eventsPerSecond(),
                                r.etaSeconds() == null ? "" : ", about " + r.etaSeconds() + " s left");
                    }
                }
            }
        }
    }

    private ProjectionStatus status(EventProcessor p, long head) {
        if (p instanceof SubscribingEventProcessor) {
            return new ProjectionStatus(p.getName(), "subscribing", "IN_TRANSACTION", p.isRunning(), null, head, 0L, 0,
                    null, null);
        }
        TrackingEventProcessor tracking = (TrackingEventProcessor) p;
        Collection<EventTrackerStatus> segments = tracking.processingStatus().values();
        OptionalLong position = position(segments);
        Long pos = position.isPresent() ? position.getAsLong() : null;
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(s -> s.getError() == null ? "error" : s.getError().getClass().getSimpleName()).orElse(null);
        boolean replaying = replaying(segments);
        ProjectionStatus.Rebuild rebuild = null;
        String state;
        if (error != null) {
            state = "ERROR";
        } else if (!tracking.isRunning()) {
            state = "STOPPED";
        } else if (replaying && rebuildRemaining(segments, pos, rebuildTarget(p.getName(), segments, head))) {
            state = "REBUILDING";
            long total = rebuildTarget(p.getName(), segments, head);
            long done = pos == null ? 0 : Math.min(pos, total);
            long rate = rate(p.getName());
            Long eta = rate > 0 ? (total - done) / rate : null;
            rebuild = new ProjectionStatus.Rebuild(done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, eta,
                    rebuildsStarted.get(p.getName()));
        } else if (segments.isEmpty()) {
            state = "WAITING_FOR_CLAIM";
        } else {
            state = segments.stream().allMatch(EventTrackerStatus::isCaughtUp) ? "LIVE" : "CATCHING_UP";
        }
        Long lag = pos == null ? null : Math.max(0, head - pos);
        return new ProjectionStatus(p.getName(), "tracking", state, tracking.isRunning(), pos, head, lag,
                segments.size(), rebuild, error);
    }

    private long rate(String name) {
        Deque<Sample> s = samples.get(name);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            if (s.size() < 2) {
                return 0;
            }
            Sample first = s.getFirst();
            Sample last = s.getLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            return seconds <= 0 ? 0 : Math.round((last.position() - first.position()) / seconds);
        }
    }

    /**
     * Axon keeps a processor "replaying" until its token covers the token at reset, which gaps in the global
     * index (left by rolled-back transactions) can delay long after the replay reached the head. For the people
     * watching, a rebuild is done once its position has reached where the event store stood when it started.
     */
    private static boolean rebuildRemaining(Collection<EventTrackerStatus> segments, Long position, long target) {
        return position == null || position < target;
    }

    /**
     * Where the replay ends: the head of the event store when the rebuild started (Axon's own reset position is
     * where the processor was, which may be behind the head). Rebuilds started elsewhere fall back to it.
     */
    private long rebuildTarget(String name, Collection<EventTrackerStatus> segments, long head) {
        long reset = segments.stream().map(EventTrackerStatus::getResetPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max().orElse(head);
        Long target = rebuildTargets.get(name);
        return target == null ? reset : Math.max(target, reset);
    }

    /** The slowest segment's position: everything up to it is in the read model. */
    private static OptionalLong position(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).min();
    }

    private static boolean replaying(Collection<EventTrackerStatus> segments) {
        return segments.stream().anyMatch(EventTrackerStatus::isReplaying);
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private Collection<EventProcessor> processors() {
        return processing.eventProcessors().values();
    }

    private EventProcessor processor(String name) {
        return processing.eventProcessor(name)
                .orElseThrow(() -> new NotFoundException("no projection named " + name));
    }
}
