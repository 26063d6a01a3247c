package com.careerledger.api.admin;

import com.careerledger.api.deadletters.DeadLetters;
import com.careerledger.api.error.ApiRule;
import com.careerledger.api.error.ApiRuleViolation;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.ReadModelGroups;
import com.careerledger.projections.support.EventStreams;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Rebuilds read models and reports how far each one is. Every read model runs in one tracking processor
 * ({@link ReadModelGroups#PROCESSOR}, ADR 0006) but is listed, and rebuilt, under its own name. A rebuild
 * ({@link Rebuilds}, ADR 0013) writes copies of a read model's tables while readers keep the current ones and the
 * processor keeps them current, and puts the copies in their place once they have caught up: nobody reads a
 * half-built read model. Its status shows {@code REBUILDING} with the rebuild's progress, and the position and lag
 * of what readers are served.
 */
@Component
public class ProjectionAdmin {

    private final EventProcessingConfiguration processing;
    private final EventStreams streams;
    private final DeadLetters deadLetters;
    private final Rebuilds rebuilds;

    public ProjectionAdmin(EventProcessingConfiguration processing, EventStreams streams, DeadLetters deadLetters,
                           Rebuilds rebuilds) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.streams = streams;
        this.rebuilds = rebuilds;
    }

    public List<ProjectionStatus> all() {
        long head = streams.head();
        Map<String, Long> parked = deadLetters.sizes();
        List<ProjectionStatus> all = new ArrayList<>();
        for (EventProcessor p : processing.eventProcessors().values()) {
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
        return status(name, processorOf(name), streams.head(), deadLetters.sizes());
    }

    /** Starts a rebuild of every read model, one reading of the event store for all, and returns at once. */
    public List<ProjectionStatus> rebuildAll() {
        rebuilds.start(Set.copyOf(ReadModelGroups.GROUPS));
        return all();
    }

    /** Starts a rebuild of one read model and returns at once. */
    public ProjectionStatus rebuild(String name) {
        EventProcessor processor = processorOf(name);
        if (!isReadModels(processor)) {
            throw new ApiRuleViolation(ApiRule.PROJECTION_NOT_REBUILDABLE, "projection " + name
                    + " runs inside the write transaction and is not rebuilt by replay");
        }
        rebuilds.start(Set.of(name));
        return one(name);
    }

    /** Cancels the rebuild under way, if any: the current tables stay as they are. */
    public List<ProjectionStatus> cancelRebuild() {
        rebuilds.cancel();
        return all();
    }

    private ProjectionStatus status(String name, EventProcessor p, long head, Map<String, Long> deadLetters) {
        ProjectionStatus.LastRebuild last = rebuilds.last(name).map(r -> new ProjectionStatus.LastRebuild(r.outcome(),
                r.startedAt(), r.finishedAt(), r.events(), r.error())).orElse(null);
        if (p instanceof SubscribingEventProcessor) {
            return new ProjectionStatus(name, ProjectionStatus.Kind.subscribing, ProjectionStatus.State.IN_TRANSACTION,
                    p.isRunning(), null, head, 0L, 0, null, null, p.getName(), null, null);
        }
        TrackingEventProcessor tracking = (TrackingEventProcessor) p;
        Collection<EventTrackerStatus> segments = tracking.processingStatus().values();
        OptionalLong position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        Long pos = position.isPresent() ? position.getAsLong() : null;
        String error = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(s -> s.getError() == null ? "error" : s.getError().getClass().getSimpleName()).orElse(null);
        ProjectionStatus.Rebuild rebuild = rebuilds.running(name).map(r -> r.progress(head)).orElse(null);
        ProjectionStatus.State state;
        if (error != null) {
            state = ProjectionStatus.State.ERROR;
        } else if (rebuild != null) {
            state = ProjectionStatus.State.REBUILDING;
        } else if (!tracking.isRunning()) {
            state = ProjectionStatus.State.STOPPED;
        } else if (segments.isEmpty()) {
            state = ProjectionStatus.State.WAITING_FOR_CLAIM;
        } else {
            state = segments.stream().allMatch(EventTrackerStatus::isCaughtUp) ? ProjectionStatus.State.LIVE
                    : ProjectionStatus.State.CATCHING_UP;
        }
        Long lag = pos == null ? null : Math.max(0, head - pos);
        return new ProjectionStatus(name, ProjectionStatus.Kind.tracking, state, tracking.isRunning(), pos, head, lag,
                segments.size(), rebuild, error, p.getName(), deadLetters == null ? null : deadLetters.getOrDefault(name, 0L),
                last);
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
