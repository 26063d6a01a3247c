package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.Texts;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person on the ladder: discipline, track, level, manager, and the sustained record of the levels they were
 * assessed at, from which promotions are decided. Command handlers check rules and decide; only the event
 * sourcing handlers change state, so replaying the events always gives back the same person.
 */
@AggregateRoot(type = "Person")
public class Person {

    private static final int TEXT_LIMIT = 4000;

    @AggregateIdentifier
    private UUID personId;
    private Discipline discipline;
    private Track track;
    private String level;
    private UUID managerId;
    private SustainedRecord record = SustainedRecord.EMPTY;
    /** Every assessment ever recorded, so a late redelivery of a superseded one cannot bring it back. */
    private final Set<UUID> recordedAssessments = new HashSet<>();

    protected Person() {
        // for Axon
    }

    @CommandHandler
    public Person(RegisterPerson command, CareerFramework framework, PersonRegistry registry) {
        String name = Texts.required("name", command.name(), 200);
        String email = Texts.email("email", command.email());
        if (command.discipline() == null) {
            throw new InvalidCommandException("discipline", "discipline is required");
        }
        if (command.track() == null) {
            throw new InvalidCommandException("track", "track is required");
        }
        if (framework.level(command.level()).isEmpty()) {
            throw new InvalidCommandException("level", "unknown level " + command.level());
        }
        // A level code names a rung of one track only: "M1" on the IC track is meaningless.
        if (!framework.belongsTo(command.level(), command.track())) {
            throw new InvalidCommandException("level", "level " + command.level() + " is not on the " + command.track() + " track");
        }
        // One person, one record: a second registration under the same e-mail would split a career in two.
        if (registry.isEmailTaken(email)) {
            throw new DomainRuleViolation("email-already-registered", "a person with the e-mail " + email + " is already registered");
        }
        if (command.managerId() != null) {
            if (command.managerId().equals(command.personId())) {
                throw new DomainRuleViolation("self-management", "a person cannot be their own manager");
            }
            if (!registry.exists(command.managerId())) {
                throw new NotFoundException("manager " + command.managerId() + " does not exist");
            }
        }
        apply(new PersonRegistered(command.personId(), name, email, command.discipline(), command.track(),
                command.level(), command.managerId()));
    }

    @CommandHandler
    public void handle(AssignManager command, PersonRegistry registry) {
        UUID manager = command.managerId();
        if (manager == null) {
            throw new InvalidCommandException("managerId", "managerId is required");
        }
        // Nobody manages themselves, directly or through a chain: reporting lines must end at the top.
        if (manager.equals(personId)) {
            throw new DomainRuleViolation("self-management", "a person cannot be their own manager");
        }
        if (!registry.exists(manager)) {
            throw new NotFoundException("manager " + manager + " does not exist");
        }
        if (manager.equals(managerId)) {
            return; // already so: nothing happened, nothing to record
        }
        Set<UUID> seen = new HashSet<>();
        for (Optional<UUID> above = Optional.of(manager); above.isPresent(); above = registry.managerOf(above.get())) {
            if (above.get().equals(personId)) {
                throw new DomainRuleViolation("management-cycle",
                        "assigning " + manager + " as manager of " + personId + " would make a reporting cycle");
            }
            if (!seen.add(above.get())) {
                break; // an existing cycle above: not ours to report, and not to loop on
            }
        }
        apply(new ManagerAssigned(personId, manager, managerId));
    }

    @CommandHandler
    public void handle(RecordQuarterOutcome command, CareerFramework framework) {
        YearQuarter quarter = YearQuarter.parse(command.quarter());
        if (framework.level(command.operatingLevel()).isEmpty()) {
            throw new InvalidCommandException("operatingLevel", "unknown level " + command.operatingLevel());
        }
        if (command.assessmentId() == null) {
            throw new InvalidCommandException("assessmentId", "assessmentId is required");
        }
        if (recordedAssessments.contains(command.assessmentId())) {
            return; // an assessment delivered twice, or a superseded one delivered late
        }
        apply(new QuarterOutcomeRecorded(personId, quarter.toString(), command.operatingLevel(),
                command.assessmentId(), level));
    }

    /**
     * A promotion is one step up the person's own track, earned by sustained performance at the target level
     * ({@link SustainedPerformancePolicy}); an override of that rule must say why, and is recorded as one.
     */
    @CommandHandler
    public LevelChanged handle(PromotePerson command, CareerFramework framework,
                               @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String decider = requireDecider(actor);
        String rationale = Texts.required("rationale", command.rationale(), TEXT_LIMIT);
        Level target = levelOnOwnTrack(framework, "targetLevel", command.targetLevel(), "promotion-across-tracks",
                "a promotion", " is a track switch, not a promotion");
        Optional<Level> next = framework.nextLevel(level);
        if (next.isEmpty()) {
            throw new DomainRuleViolation("promotion-not-one-step", level + " is the top of the " + track + " track");
        }
        if (!next.get().code().equals(target.code())) {
            throw new DomainRuleViolation("promotion-not-one-step", "a promotion is exactly one step up: from "
                    + level + " the next level is " + next.get().code() + ", not " + target.code());
        }
        PromotionOverride override = null;
        if (command.override() != null) {
            override = new PromotionOverride(Texts.required("override.justification", command.override().justification(), TEXT_LIMIT));
        }
        SustainedPerformancePolicy.Evaluation evaluation = record.evaluate(target.code(), framework);
        if (!evaluation.sustained() && override == null) {
            throw new DomainRuleViolation("promotion-not-sustained",
                    "promotion of " + personId + " to " + target.code() + " refused: " + evaluation.reason());
        }
        LevelChanged event = new LevelChanged(personId, requireDecisionId(command.decisionId()), DecisionKind.PROMOTION,
                level, target.code(), evaluation.basis(), framework.policy(), framework.ref(), rationale, override,
                decider, now());
        apply(event);
        return event;
    }

    /** Corrections fix a recorded level by appending a decision: history is never rewritten. */
    @CommandHandler
    public LevelChanged handle(CorrectLevel command, CareerFramework framework,
                               @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String decider = requireDecider(actor);
        String reason = Texts.required("reason", command.reason(), TEXT_LIMIT);
        Level corrected = levelOnOwnTrack(framework, "level", command.level(), "correction-across-tracks",
                "a correction", " is a track switch");
        if (corrected.code().equals(level)) {
            throw new DomainRuleViolation("level-unchanged", "the person is already at " + level);
        }
        DecisionKind kind = framework.isAtOrAbove(corrected.code(), level) ? DecisionKind.CORRECTION : DecisionKind.DEMOTION;
        LevelChanged event = new LevelChanged(personId, requireDecisionId(command.decisionId()), kind, level,
                corrected.code(), List.of(), framework.policy(), framework.ref(), reason, null, decider, now());
        apply(event);
        return event;
    }

    /**
     * Management is a role change, not a promotion: the level maps through the equivalence table, and the
     * sustained record comes along, mapped to the new track.
     */
    @CommandHandler
    public TrackSwitched handle(SwitchTrack command, CareerFramework framework,
                                @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String decider = requireDecider(actor);
        String rationale = Texts.required("rationale", command.rationale(), TEXT_LIMIT);
        if (command.targetTrack() == null) {
            throw new InvalidCommandException("targetTrack", "targetTrack is required");
        }
        if (command.targetTrack() == track) {
            throw new DomainRuleViolation("already-on-track", "the person is already on the " + track + " track");
        }
        Level mapped = framework.equivalent(level, command.targetTrack()).orElseThrow(() ->
                new DomainRuleViolation("no-equivalent-level", level + " has no equivalent on the "
                        + command.targetTrack() + " track (equivalences: " + equivalencesText(framework)
                        + "); grow toward an equivalent level first, or correct the level"));
        List<QuarterOutcome> carried = new ArrayList<>();
        for (QuarterOutcome o : record.outcomes()) {
            // A quarter whose level has no equivalent keeps its own level: on the new track it can never count
            // toward a promotion, but it still breaks a streak, as it did on the old track.
            String mappedLevel = framework.equivalent(o.operatingLevel(), command.targetTrack())
                    .map(Level::code).orElse(o.operatingLevel());
            carried.add(new QuarterOutcome(o.quarter(), mappedLevel, o.assessmentId()));
        }
        TrackSwitched event = new TrackSwitched(personId, requireDecisionId(command.decisionId()), track, level,
                command.targetTrack(), mapped.code(), carried, framework.ref(), rationale, decider, now());
        apply(event);
        return event;
    }

    // --- state changes ------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PersonRegistered event) {
        this.personId = event.personId();
        this.discipline = event.discipline();
        this.track = event.track();
        this.level = event.level();
        this.managerId = event.managerId();
    }

    @EventSourcingHandler
    void on(ManagerAssigned event) {
        this.managerId = event.managerId();
    }

    @EventSourcingHandler
    void on(QuarterOutcomeRecorded event) {
        recordedAssessments.add(event.assessmentId());
        record = record.with(new QuarterOutcome(event.quarter(), event.operatingLevel(), event.assessmentId()));
    }

    @EventSourcingHandler
    void on(LevelChanged event) {
        this.level = event.toLevel();
        if (event.kind() == DecisionKind.PROMOTION) {
            // the streak restarts: what earned this promotion does not count toward the next one
            record = record.afterPromotion();
        }
    }

    @EventSourcingHandler
    void on(TrackSwitched event) {
        this.track = event.toTrack();
        this.level = event.toLevel();
        record = record.carriedOver(event.carriedOver());
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static String requireDecider(String actor) {
        // every decision names a real decider, taken from the authenticated message, never from the request
        if (actor == null || actor.isBlank()) {
            throw new InvalidCommandException("actor", "a decision needs an authenticated decider");
        }
        return actor;
    }

    /** A level of the framework on this person's own track: moving to the other track is a switch, never a level change. */
    private Level levelOnOwnTrack(CareerFramework framework, String field, String code, String rule, String what,
                                  String otherwise) {
        Level found = framework.level(code).orElseThrow(() ->
                new InvalidCommandException(field, "unknown level " + code));
        if (found.track() != track) {
            throw new DomainRuleViolation(rule, what + " stays on the person's track (" + track + "); moving to "
                    + found.code() + otherwise);
        }
        return found;
    }

    private static UUID requireDecisionId(UUID decisionId) {
        if (decisionId == null) {
            throw new InvalidCommandException("decisionId", "decisionId is required");
        }
        return decisionId;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private static String equivalencesText(CareerFramework framework) {
        return String.join(", ", framework.equivalences().stream().map(e -> e.ic() + "≈" + e.manager()).toList());
    }
}
