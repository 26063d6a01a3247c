package com.careerledger.projections.asof;

import org.springframework.lang.Nullable;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterStatus;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A person's career folded from their events up to an instant: what anyone could have known then. Built
 * from the event streams (never from read models), so it answers for any date, whatever the projections say.
 * <p>
 * Time is read to the millisecond, the precision events are stored at: {@code asOf} is taken to its millisecond.
 * An event is known from its timestamp, a decision from its own {@code decidedAt} when that is earlier (the clock
 * may tick between deciding and storing; decisions stored before timestamps had one precision carry a finer
 * {@code decidedAt} than their timestamp), and everything one request stored (its events share a trace id, and one
 * transaction) from the instant its first event was known: a reopening and the withdrawal of the quarter's outcome,
 * a track switch and the open quarters it moved, are seen together or not at all. So a read at a decision's
 * {@code decidedAt} shows it, and one a millisecond earlier does not.
 */
public final class CareerAsOf {

    public record GoalAsOf(UUID goalId, String title, Dimension dimension, boolean active, @Nullable GoalStatus progress) {
    }

    public record EvidenceAsOf(UUID evidenceId, String title, Dimension dimension, String demonstratesLevel, LocalDate occurredOn,
                        boolean retracted) {
    }

    public record AssessmentAsOf(UUID assessmentId, String operatingLevel, boolean atNextLevel, String rationale,
                          String assessedBy, Instant assessedAt) {
    }

    /**
     * @param track         the ladder the quarter is held on (it moves with the person while open)
     * @param countedLevel  the level the quarter counts at in the sustained record then: its assessment, mapped to the
     *                      person's track when assessed on the other one; null when no assessment of it stands (open,
     *                      or reopened: withdrawn)
     * @param mapped        "IC4 (mapped to M2)" when the counted level is a mapping; else null
     */
    public record QuarterAsOf(String quarter, QuarterStatus status, String levelHeld, @Nullable String targetLevel,
                       List<GoalAsOf> goals, List<EvidenceAsOf> evidence, @Nullable AssessmentAsOf assessment,
                       @Nullable Track track, @Nullable String countedLevel, @Nullable String mapped) {
    }

    public record DecisionAsOf(UUID decisionId, DecisionKind kind, String from, String to, String decidedBy, Instant decidedAt) {
    }

    public record ReadinessAsOf(SustainedPerformancePolicy.Readiness status, @Nullable String nextLevel, int streak, @Nullable String reason) {
    }

    /** The answer of {@code GET /api/people/{id}/history?asOf=}. */
    public record PersonAsOf(UUID personId, Instant asOf, String name, String email, Discipline discipline, Track track,
                      String level, String title, @Nullable UUID managerId, ReadinessAsOf readiness, List<QuarterAsOf> quarters,
                      List<DecisionAsOf> decisions, int eventsApplied, @Nullable Instant lastEventAt) {
    }

    private static final class MutableQuarter {
        String quarter;
        QuarterStatus status = QuarterStatus.OPEN;
        String levelHeld;
        String targetLevel;
        Track track;
        final Map<UUID, GoalAsOf> goals = new LinkedHashMap<>();
        final Map<UUID, EvidenceAsOf> evidence = new LinkedHashMap<>();
        AssessmentAsOf assessment;
    }

    /** The metadata every event of one request carries alike (Axon's MessageOriginProvider). */
    private static final String TRACE_ID = "traceId";

    private final UUID personId;
    private final Instant asOf;
    private String name;
    private String email;
    private Discipline discipline;
    private UUID managerId;
    /** Track, level and sustained record, by the one career fold; null until the registration. */
    private CareerStanding standing;
    private final Map<String, MutableQuarter> quarters = new LinkedHashMap<>();
    private final List<DecisionAsOf> decisions = new ArrayList<>();
    private int applied;
    private Instant lastEventAt;

    public CareerAsOf(UUID personId, Instant asOf) {
        this.personId = personId;
        this.asOf = asOf.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Applies the events known at or before {@code asOf} (see the class comment); later ones were not known then. */
    public CareerAsOf applyAll(List<? extends DomainEventMessage<?>> events) {
        // the instant each request's events are known from, by the trace id they share
        Map<Object, Instant> requestKnownAt = new HashMap<>();
        for (DomainEventMessage<?> event : events) {
            Instant known = event.getTimestamp();
            Instant decided = decidedAt(event.getPayload());
            if (decided != null && decided.isBefore(known)) {
                known = decided;
            }
            Object trace = event.getMetaData().get(TRACE_ID);
            if (trace != null) {
                known = requestKnownAt.merge(trace, known, (first, next) -> first.isBefore(next) ? first : next);
            }
            if (!known.isAfter(asOf)) {
                apply(event.getPayload(), event.getTimestamp());
                applied++;
                lastEventAt = lastEventAt == null || event.getTimestamp().isAfter(lastEventAt) ? event.getTimestamp() : lastEventAt;
            }
        }
        return this;
    }

    /** A decision's own instant, to the millisecond; null for any other event. */
    private static Instant decidedAt(Object payload) {
        Instant decided = payload instanceof LevelChanged e ? e.decidedAt()
                : payload instanceof TrackSwitched e ? e.decidedAt() : null;
        return decided == null ? null : decided.truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean existed() {
        return name != null;
    }

    private void apply(Object payload, Instant at) {
        if (payload instanceof PersonRegistered e) {
            name = e.name();
            email = e.email();
            discipline = e.discipline();
            standing = CareerStanding.registered(e);
            managerId = e.managerId();
        } else if (payload instanceof ManagerAssigned e) {
            managerId = e.managerId();
        } else if (payload instanceof QuarterOutcomeRecorded || payload instanceof QuarterOutcomeWithdrawn) {
            // a reopened quarter is out of the sustained record until it is assessed again
            standing = standing.evolve(payload);
        } else if (payload instanceof LevelChanged e) {
            standing = standing.evolve(e);
            decisions.add(new DecisionAsOf(e.decisionId(), e.kind(), e.fromLevel().code(), e.toLevel().code(),
                    e.decidedBy(), millis(e.decidedAt())));
        } else if (payload instanceof TrackSwitched e) {
            standing = standing.evolve(e);
            decisions.add(new DecisionAsOf(e.decisionId(), DecisionKind.TRACK_SWITCH, e.fromLevel().code(),
                    e.toLevel().code(), e.decidedBy(), millis(e.decidedAt())));
        } else if (payload instanceof QuarterOpened e) {
            MutableQuarter q = quarter(e.quarter());
            q.levelHeld = LevelCode.codeOf(e.levelHeld());
            q.targetLevel = LevelCode.codeOf(e.targetLevel());
            q.track = e.track();
        } else if (payload instanceof QuarterMovedToTrack e) {
            MutableQuarter q = quarter(e.quarter());
            q.track = e.toTrack();
            q.levelHeld = LevelCode.codeOf(e.levelHeld());
            q.targetLevel = LevelCode.codeOf(e.targetLevel());
        } else if (payload instanceof GoalSet e) {
            quarter(e.quarter()).goals.put(e.goalId(), new GoalAsOf(e.goalId(), e.title(), e.dimension(), true, null));
        } else if (payload instanceof GoalRevised e) {
            quarter(e.quarter()).goals.computeIfPresent(e.goalId(),
                    (id, g) -> new GoalAsOf(id, e.title(), e.dimension(), g.active(), g.progress()));
        } else if (payload instanceof GoalDropped e) {
            quarter(e.quarter()).goals.computeIfPresent(e.goalId(),
                    (id, g) -> new GoalAsOf(id, g.title(), g.dimension(), false, g.progress()));
        } else if (payload instanceof GoalProgressed e) {
            quarter(e.quarter()).goals.computeIfPresent(e.goalId(),
                    (id, g) -> new GoalAsOf(id, g.title(), g.dimension(), g.active(), e.status()));
        } else if (payload instanceof EvidenceLogged e) {
            quarter(e.quarter()).evidence.put(e.evidenceId(), new EvidenceAsOf(e.evidenceId(), e.title(),
                    e.dimension(), e.demonstratesLevel().code(), e.occurredOn(), false));
        } else if (payload instanceof EvidenceRetracted e) {
            quarter(e.quarter()).evidence.computeIfPresent(e.evidenceId(),
                    (id, v) -> new EvidenceAsOf(id, v.title(), v.dimension(), v.demonstratesLevel(), v.occurredOn(), true));
        } else if (payload instanceof QuarterAssessed e) {
            MutableQuarter q = quarter(e.quarter());
            q.status = QuarterStatus.ASSESSED;
            q.assessment = new AssessmentAsOf(e.assessmentId(), LevelCode.codeOf(e.operatingLevel()), e.atNextLevel(), e.rationale(),
                    e.assessedBy(), at);
        } else if (payload instanceof QuarterReopened e) {
            quarter(e.quarter()).status = QuarterStatus.OPEN;
        }
        // feedback has no bearing on level, track or the quarters' state
    }

    private static Instant millis(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS);
    }

    private MutableQuarter quarter(YearQuarter quarter) {
        return quarters.computeIfAbsent(quarter.toString(), k -> {
            MutableQuarter q = new MutableQuarter();
            q.quarter = k;
            return q;
        });
    }

    public PersonAsOf view(CareerFramework framework) {
        SustainedPerformancePolicy.ReadinessView r = standing.readiness(framework);
        String level = standing.level();
        String title = framework.level(level).map(l -> l.title(discipline)).orElse(level);
        List<QuarterAsOf> qs = quarters.values().stream()
                .map(q -> {
                    // what readiness counted then (an open quarter has none, unless stored before reopening withdrew it)
                    Optional<QuarterOutcome> counted = standing.record().outcome(YearQuarter.parse(q.quarter));
                    return new QuarterAsOf(q.quarter, q.status, q.levelHeld, q.targetLevel,
                            List.copyOf(q.goals.values()), List.copyOf(q.evidence.values()),
                            q.status == QuarterStatus.ASSESSED ? q.assessment : null, q.track,
                            counted.map(o -> o.operatingLevel().code()).orElse(null),
                            counted.filter(o -> o.mappedFrom() != null).map(QuarterOutcome::describe).orElse(null));
                })
                .sorted(java.util.Comparator.comparing(QuarterAsOf::quarter))
                .toList();
        return new PersonAsOf(personId, asOf, name, email, discipline, standing.track(), level, title, managerId,
                new ReadinessAsOf(r.status(), r.nextLevel(), r.streak(), r.reason()), qs,
                List.copyOf(decisions), applied, lastEventAt);
    }
}
