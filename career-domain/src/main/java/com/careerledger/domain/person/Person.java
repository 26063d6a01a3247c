package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.DomainRule;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private UUID managerId;
    /** Track, level and sustained record, by the one career fold ({@link CareerStanding#evolve}). */
    private CareerStanding career;
    /** Every assessment ever recorded, so a late redelivery of a superseded one cannot bring it back. */
    private final Set<UUID> recordedAssessments = new HashSet<>();
    /** The last level held on each track the person has left, so a switch back returns to it (IC6 -> M3 -> IC6). */
    private final Map<Track, String> lastLevelOn = new EnumMap<>(Track.class);
    /** The promotions decided so far and the quarters each cites, so a later change to one of them is visible. */
    private final Map<UUID, CitedBasis> decisions = new LinkedHashMap<>();

    private record CitedBasis(String toLevel, List<QuarterOutcome> basis) {
    }

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
        String level = framework.named("level", command.level()).code();
        // A level code names a rung of one track only: "M1" on the IC track is meaningless.
        if (!framework.belongsTo(level, command.track())) {
            throw new InvalidCommandException("level",
                    "level " + level + " is not on the " + command.track() + " track");
        }
        // One person, one record: a second registration under the same e-mail would split a career in two.
        if (registry.isEmailTaken(email)) {
            throw new DomainRuleViolation(DomainRule.EMAIL_ALREADY_REGISTERED,
                    "a person with the e-mail " + email + " is already registered");
        }
        if (command.managerId() != null) {
            if (command.managerId().equals(command.personId())) {
                throw new DomainRuleViolation(DomainRule.SELF_MANAGEMENT, "a person cannot be their own manager");
            }
            if (!registry.exists(command.managerId())) {
                throw new NotFoundException("manager " + command.managerId() + " does not exist");
            }
        }
        apply(new PersonRegistered(command.personId(), name, email, command.discipline(), command.track(),
                new LevelCode(level), command.managerId()));
    }

    @CommandHandler
    public void handle(AssignManager command, PersonRegistry registry, ReportingLines lines) {
        UUID manager = command.managerId();
        if (manager == null) {
            throw new InvalidCommandException("managerId", "managerId is required");
        }
        // Nobody manages themselves, directly or through a chain: reporting lines must end at the top.
        if (manager.equals(personId)) {
            throw new DomainRuleViolation(DomainRule.SELF_MANAGEMENT, "a person cannot be their own manager");
        }
        if (!registry.exists(manager)) {
            throw new NotFoundException("manager " + manager + " does not exist");
        }
        if (manager.equals(managerId)) {
            return; // already so: nothing happened, nothing to record
        }
        if (lines.manages(personId, manager)) {
            throw new DomainRuleViolation(DomainRule.MANAGEMENT_CYCLE,
                    "assigning " + manager + " as manager of " + personId + " would make a reporting cycle");
        }
        apply(new ManagerAssigned(personId, manager, managerId));
    }

    /**
     * A quarter's assessment joins the record at the level held in that quarter. A quarter assessed on the other
     * track (opened before a switch, reopened after it) counts at its equivalent level here, marked as mapped. When
     * the quarter is one an earlier promotion cites, the change is recorded against that decision.
     */
    @CommandHandler
    public void handle(RecordQuarterOutcome command, CareerFramework framework,
                       @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        YearQuarter quarter = YearQuarter.required(command.quarter());
        String operatingLevel = framework.named("operatingLevel", command.operatingLevel()).code();
        if (command.assessmentId() == null) {
            throw new InvalidCommandException("assessmentId", "assessmentId is required");
        }
        if (recordedAssessments.contains(command.assessmentId())) {
            return; // an assessment delivered twice, or a superseded one delivered late
        }
        QuarterOutcome outcome = mapped(new QuarterOutcome(quarter, new LevelCode(operatingLevel),
                command.assessmentId()), track(), level(), framework);
        String levelHeld = command.levelHeld() != null ? command.levelHeld().code() : level();
        apply(new QuarterOutcomeRecorded(personId, quarter, outcome.operatingLevel(), outcome.assessmentId(),
                new LevelCode(levelHeld), outcome.mappedFrom()));
        recordBasisChanges(quarter, BasisChange.REASSESSED, outcome, record().with(outcome), actor, framework);
    }

    /**
     * A reopened quarter's assessment no longer stands: it leaves the record (and with it readiness) until the
     * quarter is assessed again, and any promotion citing it is marked as resting on a changed basis.
     */
    @CommandHandler
    public void handle(WithdrawQuarterOutcome command, CareerFramework framework,
                       @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        YearQuarter quarter = YearQuarter.required(command.quarter());
        Optional<QuarterOutcome> standing = record().outcome(quarter);
        if (standing.isEmpty() || !standing.get().assessmentId().equals(command.assessmentId())) {
            return; // nothing of that assessment stands (delivered twice, or superseded): nothing to withdraw
        }
        apply(new QuarterOutcomeWithdrawn(personId, quarter, command.assessmentId(),
                standing.get().operatingLevel(), command.reason(), actor));
        recordBasisChanges(quarter, BasisChange.WITHDRAWN, null, record().without(quarter), actor, framework);
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
        Level target = levelOnOwnTrack(framework, "targetLevel", command.targetLevel(),
                DomainRule.PROMOTION_ACROSS_TRACKS,
                "a promotion", " is a track switch, not a promotion");
        Optional<Level> next = framework.nextLevel(level());
        if (next.isEmpty()) {
            throw new DomainRuleViolation(DomainRule.PROMOTION_NOT_ONE_STEP,
                    level() + " is the top of the " + track() + " track");
        }
        if (!next.get().code().equals(target.code())) {
            throw new DomainRuleViolation(DomainRule.PROMOTION_NOT_ONE_STEP, "a promotion is exactly one step up: from "
                    + level() + " the next level is " + next.get().code() + ", not " + target.code());
        }
        PromotionOverride override = null;
        if (command.override() != null) {
            override = new PromotionOverride(Texts.required("override.justification", command.override().justification(), TEXT_LIMIT));
        }
        SustainedPerformancePolicy.Evaluation evaluation = record().evaluate(target.code(), framework);
        if (!evaluation.sustained() && override == null) {
            throw new DomainRuleViolation(DomainRule.PROMOTION_NOT_SUSTAINED,
                    "promotion of " + personId + " to " + target.code() + " refused: " + evaluation.reason());
        }
        LevelChanged event = new LevelChanged(personId, requireDecisionId(command.decisionId()), DecisionKind.PROMOTION,
                new LevelCode(level()), new LevelCode(target.code()), evaluation.basis(), framework.policy(), framework.ref(), rationale, override,
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
        Level corrected = levelOnOwnTrack(framework, "level", command.level(), DomainRule.CORRECTION_ACROSS_TRACKS,
                "a correction", " is a track switch");
        if (corrected.code().equals(level())) {
            throw new DomainRuleViolation(DomainRule.LEVEL_UNCHANGED, "the person is already at " + level());
        }
        DecisionKind kind = framework.isAtOrAbove(corrected.code(), level()) ? DecisionKind.CORRECTION : DecisionKind.DEMOTION;
        LevelChanged event = new LevelChanged(personId, requireDecisionId(command.decisionId()), kind,
                new LevelCode(level()), new LevelCode(corrected.code()), List.of(), framework.policy(), framework.ref(), reason, null, decider, now());
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
        if (command.targetTrack() == track()) {
            throw new DomainRuleViolation(DomainRule.ALREADY_ON_TRACK,
                    "the person is already on the " + track() + " track");
        }
        Level mapped = switchLevel(command, framework);
        List<QuarterOutcome> carried = new ArrayList<>();
        for (QuarterOutcome o : record().outcomes()) {
            // A quarter whose level has no equivalent keeps its own level: on the new track it can never count
            // toward a promotion, but it still breaks a streak, as it did on the old track.
            carried.add(mapped(o, command.targetTrack(), mapped.code(), framework));
        }
        TrackSwitched event = new TrackSwitched(personId, requireDecisionId(command.decisionId()), track(),
                new LevelCode(level()), command.targetTrack(), new LevelCode(mapped.code()), carried, framework.ref(), rationale, decider, now());
        apply(event);
        return event;
    }

    // --- state changes ------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(PersonRegistered event) {
        this.personId = event.personId();
        this.discipline = event.discipline();
        this.career = CareerStanding.registered(event);
        this.managerId = event.managerId();
    }

    @EventSourcingHandler
    void on(ManagerAssigned event) {
        this.managerId = event.managerId();
    }

    @EventSourcingHandler
    void on(QuarterOutcomeRecorded event) {
        recordedAssessments.add(event.assessmentId());
        career = career.evolve(event);
    }

    @EventSourcingHandler
    void on(QuarterOutcomeWithdrawn event) {
        career = career.evolve(event);
    }

    @EventSourcingHandler
    void on(LevelChanged event) {
        career = career.evolve(event);
        if (event.kind() == DecisionKind.PROMOTION && event.basis() != null && !event.basis().isEmpty()) {
            decisions.put(event.decisionId(), new CitedBasis(event.toLevel().code(), List.copyOf(event.basis())));
        }
    }

    @EventSourcingHandler
    void on(TrackSwitched event) {
        lastLevelOn.put(event.fromTrack(), event.fromLevel().code());
        career = career.evolve(event);
    }

    private Track track() {
        return career.track();
    }

    private String level() {
        return career.level();
    }

    private SustainedRecord record() {
        return career.record();
    }

    // --- helpers --------------------------------------------------------------------------------------

    /**
     * The level a switch lands on: the one the command names (it must be an equivalent), else the level last held
     * on that track when it is still equivalent (a round trip gives back what it took), else the only equivalent.
     * Several equivalents and nothing to choose by is refused: guessing would cost or give a level.
     */
    private Level switchLevel(SwitchTrack command, CareerFramework framework) {
        Track target = command.targetTrack();
        List<Level> candidates = framework.equivalents(level(), target);
        if (candidates.isEmpty()) {
            throw new DomainRuleViolation(DomainRule.NO_EQUIVALENT_LEVEL, level() + " has no equivalent on the " + target
                    + " track (equivalences: " + equivalencesText(framework)
                    + "); grow toward an equivalent level first, or correct the level");
        }
        String codes = String.join(" and ", candidates.stream().map(Level::code).toList());
        if (command.targetLevel() != null) {
            String wanted = framework.named("targetLevel", command.targetLevel()).code();
            return candidates.stream().filter(l -> l.code().equals(wanted)).findFirst().orElseThrow(() ->
                    new DomainRuleViolation(DomainRule.NOT_AN_EQUIVALENT_LEVEL,
                            wanted + " is not equivalent to " + level()
                            + "; on the " + target + " track " + level() + " is equivalent to " + codes));
        }
        String before = lastLevelOn.get(target);
        Optional<Level> returning = candidates.stream().filter(l -> l.code().equals(before)).findFirst();
        if (returning.isPresent()) {
            return returning.get();
        }
        if (candidates.size() > 1) {
            throw new DomainRuleViolation(DomainRule.AMBIGUOUS_EQUIVALENT_LEVEL, level() + " is equivalent to " + codes
                    + " on the " + target + " track, and the person has held none of them; say which with targetLevel");
        }
        return candidates.get(0);
    }

    /**
     * An outcome as it counts on {@code onTrack}: unchanged when assessed on that track, given back its own level
     * when it was mapped from it, else its equivalent (the person's level there when that is one of several).
     */
    private static QuarterOutcome mapped(QuarterOutcome o, Track onTrack, String preferred, CareerFramework framework) {
        if (framework.belongsTo(o.operatingLevel().code(), onTrack)) {
            return o;
        }
        if (o.mappedFrom() != null && framework.belongsTo(o.mappedFrom().code(), onTrack)) {
            return new QuarterOutcome(o.quarter(), o.mappedFrom(), o.assessmentId(), null);
        }
        List<Level> equivalents = framework.equivalents(o.operatingLevel().code(), onTrack);
        if (equivalents.isEmpty()) {
            return o;
        }
        String code = equivalents.stream().map(Level::code).filter(c -> c.equals(preferred)).findFirst()
                .orElse(equivalents.get(0).code());
        return new QuarterOutcome(o.quarter(), new LevelCode(code), o.assessmentId(),
                o.mappedFrom() != null ? o.mappedFrom() : o.operatingLevel());
    }

    /** Marks every promotion citing {@code quarter} with what became of it, judged on the record {@code after}. */
    private void recordBasisChanges(YearQuarter quarter, BasisChange change, QuarterOutcome now, SustainedRecord after,
                                    String actor, CareerFramework framework) {
        for (Map.Entry<UUID, CitedBasis> d : List.copyOf(decisions.entrySet())) {
            Optional<QuarterOutcome> cited = d.getValue().basis().stream()
                    .filter(o -> o.quarter().equals(quarter)).findFirst();
            if (cited.isEmpty()) {
                continue;
            }
            boolean holds = d.getValue().basis().stream().allMatch(b -> after.outcome(b.quarter())
                    .map(o -> framework.meets(o.operatingLevel().code(), d.getValue().toLevel())).orElse(false));
            apply(new DecisionBasisChanged(personId, d.getKey(), quarter, change,
                    cited.get().operatingLevel(), now == null ? null : now.operatingLevel(),
                    now == null ? cited.get().assessmentId() : now.assessmentId(),
                    holds, actor, now()));
        }
    }

    private static String requireDecider(String actor) {
        // every decision names a real decider, taken from the authenticated message, never from the request
        if (actor == null || actor.isBlank()) {
            throw new InvalidCommandException("actor", "a decision needs an authenticated decider");
        }
        return actor;
    }

    /** A level of the framework on this person's own track: moving to the other track is a switch, never a level change. */
    private Level levelOnOwnTrack(CareerFramework framework, String field, LevelCode code, DomainRule rule,
                                  String what, String otherwise) {
        Level found = framework.named(field, code);
        if (found.track() != track()) {
            throw new DomainRuleViolation(rule, what + " stays on the person's track (" + track() + "); moving to "
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
