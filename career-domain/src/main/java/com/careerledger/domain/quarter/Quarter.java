package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.PersonRegistry;
import com.careerledger.domain.shared.DomainRule;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.Texts;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's quarter: the level held and the level aimed at, goals and their progress, the Win Log,
 * feedback, and the assessment of the level the person operated at, which closes the quarter. Command
 * handlers check rules and decide; only the event sourcing handlers change state, so replaying the events
 * always gives back the same quarter.
 */
@AggregateRoot(type = "Quarter")
public class Quarter {

    /** Focus is the point of quarterly goals (seeds: pick 2-3 things), so a fourth active goal is refused. */
    static final int MAX_ACTIVE_GOALS = 3;
    private static final int TITLE_LIMIT = 200;
    private static final int MEASURE_LIMIT = 1000;
    private static final int LINK_LIMIT = 2000;
    static final int MAX_LINKS = 10;
    private static final int TEXT_LIMIT = 4000;
    /**
     * A quarter's record stays a record a person can read, not a dump: at most this many pieces of evidence are ever
     * logged in one quarter (retracted ones count, they stay in the record), feedback entries recorded, and progress
     * notes per goal. Far above real use (a win a day is about 60; a 1:1 every week is 13), far below an abuser's.
     */
    static final int MAX_EVIDENCE = 100;
    static final int MAX_FEEDBACK = 100;
    static final int MAX_PROGRESS_PER_GOAL = 100;

    @AggregateIdentifier
    private String quarterId;
    private UUID personId;
    private YearQuarter quarter;
    private QuarterStatus status;
    private Track track;
    private String levelHeld;
    private String targetLevel;
    private final Set<UUID> activeGoals = new HashSet<>();
    private final Set<UUID> droppedGoals = new HashSet<>();
    /** Evidence that stands (not retracted), with the level each demonstrates. */
    private final Map<UUID, String> standingEvidence = new HashMap<>();
    private final Set<UUID> retractedEvidence = new HashSet<>();
    private final Set<UUID> feedback = new HashSet<>();
    /** How many progress notes each goal has had. */
    private final Map<UUID, Integer> progressNotes = new HashMap<>();
    /** The latest assessment, kept through a reopening so that the next one can say what it amends. */
    private UUID lastAssessmentId;
    /** When the evidence applied last was stamped: what logging evidence answers with, never input to a rule. */
    private transient Instant lastEvidenceLoggedAt;

    protected Quarter() {
        // for Axon, and for CREATE_IF_MISSING: a new quarter starts empty and OpenQuarter fills it
    }

    /** The aggregate id of a person's quarter ({@link QuarterId}), the quarter written the one way. */
    public static String idOf(UUID personId, YearQuarter quarter) {
        if (personId == null) {
            throw new InvalidCommandException("personId", "personId is required");
        }
        return QuarterId.of(personId, YearQuarter.required(quarter));
    }

    /**
     * The id a command is routed to: the quarter's {@link QuarterId} when the command names a person and a quarter
     * (a {@link YearQuarter} is well-formed once it exists), else the parts as they came. It never throws, because
     * Axon wraps an exception from a target-id method in an IllegalArgumentException; an OpenQuarter without them
     * then reaches its handler and is refused as invalid, and any other such command names a quarter that does not
     * exist.
     */
    static String routingIdOf(UUID personId, YearQuarter quarter) {
        return personId != null && quarter != null ? QuarterId.of(personId, quarter)
                : QuarterId.unchecked(personId, String.valueOf(quarter));
    }

    /**
     * Opens the quarter at the level the person held in it (today's for the current and next quarter, the level
     * in force at its end for a past one, when history is imported), aiming at the next level of that track.
     * Quarters further ahead than the next have not come yet, and none before the ledger's first quarter (its
     * {@link QuarterCalendar#earliestQuarter()}) is opened. CREATE_IF_MISSING lets this aggregate, not a
     * lookup, refuse a second opening of the same quarter.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenQuarter command, CareerFramework framework, PersonRegistry registry,
                       QuarterCalendar calendar) {
        // One quarter per person per quarter: two would split one period's goals, evidence and assessment.
        if (quarterId != null) {
            throw new DomainRuleViolation(DomainRule.QUARTER_ALREADY_OPEN,
                    "quarter " + quarter + " of person " + personId + " was already opened (it is " + status + " now)");
        }
        UUID person = requireId("personId", command.personId());
        YearQuarter yearQuarter = YearQuarter.required(command.quarter());
        // Goals are set ahead for the next quarter at most: a quarter of 2031 opened today is no record of anything.
        if (!calendar.mayOpen(yearQuarter)) {
            throw new DomainRuleViolation(DomainRule.QUARTER_NOT_YET_OPEN,
                    "quarter " + yearQuarter + " has not come yet: "
                    + "the current quarter is " + calendar.currentQuarter() + ", and at most the next one ("
                    + calendar.currentQuarter().next() + ") can be opened ahead");
        }
        // History is imported back to the ledger's first quarter, no further: a career of 1900 is no one's record.
        if (calendar.isBeforeLedger(yearQuarter)) {
            throw new DomainRuleViolation(DomainRule.QUARTER_BEFORE_LEDGER, "quarter " + yearQuarter + " is before the "
                    + "ledger's earliest quarter, " + calendar.earliestQuarter() + ": quarters from "
                    + calendar.earliestQuarter() + " on can be opened");
        }
        PersonRegistry.Standing standing = registry.standingAt(person, calendar.heldAt(yearQuarter)).orElseThrow(() ->
                new NotFoundException("person " + person + " does not exist"));
        // Goals aim one step up the person's own track; at the top of a track there is no next level.
        String next = framework.nextLevel(standing.level()).map(Level::code).orElse(null);
        apply(new QuarterOpened(person, yearQuarter, standing.track(), new LevelCode(standing.level()),
                LevelCode.orNull(next)));
    }

    /** A goal aims at the next level (the seeds' "good goal"), and says how its success will be measured. */
    @CommandHandler
    public void handle(SetGoal command) {
        UUID goalId = requireId("goalId", command.goalId());
        String title = Texts.required("title", command.title(), TITLE_LIMIT);
        String description = Texts.optional("description", command.description(), TEXT_LIMIT);
        Dimension dimension = requireDimension(command.dimension());
        String measure = Texts.required("measure", command.measure(), MEASURE_LIMIT);
        requireOpen();
        // A goal id names one goal for good: reusing it would make progress and evidence ambiguous.
        if (activeGoals.contains(goalId) || droppedGoals.contains(goalId)) {
            throw new DomainRuleViolation(DomainRule.GOAL_EXISTS, "goal " + goalId + " is already set in " + quarter);
        }
        // Focus is the point of quarterly goals (seeds: pick 2-3 things); a dropped goal no longer counts.
        if (activeGoals.size() >= MAX_ACTIVE_GOALS) {
            throw new DomainRuleViolation(DomainRule.GOAL_LIMIT_REACHED, "a quarter has at most " + MAX_ACTIVE_GOALS
                    + " active goals; drop one before setting another");
        }
        apply(new GoalSet(personId, quarter, goalId, title, description, dimension, measure,
                LevelCode.orNull(targetLevel)));
    }

    /** Goals may be reworded while the quarter is open; the earlier wording stays in the history. */
    @CommandHandler
    public void handle(ReviseGoal command) {
        String title = Texts.required("title", command.title(), TITLE_LIMIT);
        String description = Texts.optional("description", command.description(), TEXT_LIMIT);
        Dimension dimension = requireDimension(command.dimension());
        String measure = Texts.required("measure", command.measure(), MEASURE_LIMIT);
        requireOpen();
        UUID goalId = requireActiveGoal(command.goalId());
        apply(new GoalRevised(personId, quarter, goalId, title, description, dimension, measure));
    }

    /** Dropping a goal keeps it in the history with the reason, and frees its place. */
    @CommandHandler
    public void handle(DropGoal command) {
        String reason = Texts.required("reason", command.reason(), TEXT_LIMIT);
        requireOpen();
        UUID goalId = requireActiveGoal(command.goalId());
        apply(new GoalDropped(personId, quarter, goalId, reason));
    }

    /** Progress is recorded at the 1:1s of an open quarter, on goals still pursued. */
    @CommandHandler
    public void handle(RecordProgress command) {
        if (command.status() == null) {
            throw new InvalidCommandException("status", "status is required");
        }
        String note = Texts.optional("note", command.note(), TEXT_LIMIT);
        requireOpen();
        UUID goalId = requireActiveGoal(command.goalId());
        // Progress is said at the 1:1s, a few times a quarter: an endless stream of notes is no record of a goal.
        if (progressNotes.getOrDefault(goalId, 0) >= MAX_PROGRESS_PER_GOAL) {
            throw new DomainRuleViolation(DomainRule.PROGRESS_LIMIT_REACHED,
                    "a goal holds at most " + MAX_PROGRESS_PER_GOAL
                    + " progress notes, and goal " + goalId + " of " + quarter + " has " + MAX_PROGRESS_PER_GOAL);
        }
        apply(new GoalProgressed(personId, quarter, goalId, command.status(), note));
    }

    /**
     * The Win Log: evidence of work at a level of the ladder, written down while the quarter is open.
     *
     * @return the entry as stored, with its timestamp: the answer of the Win Log's write path
     */
    @CommandHandler
    public LoggedEvidence handle(LogEvidence command, CareerFramework framework, QuarterCalendar calendar) {
        UUID evidenceId = requireId("evidenceId", command.evidenceId());
        String title = Texts.required("title", command.title(), TITLE_LIMIT);
        String description = Texts.optional("description", command.description(), TEXT_LIMIT);
        String impact = Texts.required("impact", command.impact(), TEXT_LIMIT);
        Dimension dimension = requireDimension(command.dimension());
        // Evidence shows a rung of the ladder: a level the framework does not know proves nothing.
        LevelCode level = new LevelCode(framework.named("demonstratesLevel", command.demonstratesLevel()).code());
        java.util.List<String> links = links(command.links());
        if (command.occurredOn() == null) {
            throw new InvalidCommandException("occurredOn", "occurredOn is required");
        }
        requireOpen();
        // The Win Log of a quarter is the work of that quarter: evidence from another year proves nothing about it.
        LocalDate occurredOn = command.occurredOn();
        if (occurredOn.isAfter(calendar.today())) {
            throw new InvalidCommandException("occurredOn", "occurredOn " + occurredOn + " is in the future");
        }
        if (occurredOn.isBefore(quarter.firstDay()) || occurredOn.isAfter(calendar.lastEvidenceDay(quarter))) {
            throw new InvalidCommandException("occurredOn", "occurredOn " + occurredOn + " is not within " + quarter
                    + " (" + quarter.firstDay() + " to " + calendar.lastEvidenceDay(quarter) + ")");
        }
        // An evidence id names one entry for good: a retry must not log the same win twice.
        if (standingEvidence.containsKey(evidenceId) || retractedEvidence.contains(evidenceId)) {
            throw new DomainRuleViolation(DomainRule.EVIDENCE_EXISTS,
                    "evidence " + evidenceId + " is already logged in " + quarter);
        }
        // Evidence can only serve a goal of this quarter; a dropped goal still counts, the work was done.
        if (command.goalId() != null && !activeGoals.contains(command.goalId())
                && !droppedGoals.contains(command.goalId())) {
            throw new NotFoundException("goal " + command.goalId() + " is not a goal of " + quarter);
        }
        // A quarter's Win Log is read whole, at an assessment: past a hundred wins it is no longer a record but a dump.
        if (standingEvidence.size() + retractedEvidence.size() >= MAX_EVIDENCE) {
            throw new DomainRuleViolation(DomainRule.EVIDENCE_LIMIT_REACHED, "a quarter holds at most " + MAX_EVIDENCE
                    + " pieces of evidence, and " + quarter + " has " + MAX_EVIDENCE
                    + " (retracted ones count: they stay in the record)");
        }
        EvidenceLogged logged = new EvidenceLogged(personId, quarter, evidenceId, title, description, impact,
                dimension, level, command.goalId(), links, command.occurredOn());
        apply(logged);
        return new LoggedEvidence(logged, lastEvidenceLoggedAt);
    }

    /** Evidence is never deleted: a retraction keeps it in the history but stops it supporting an assessment. */
    @CommandHandler
    public void handle(RetractEvidence command) {
        String reason = Texts.required("reason", command.reason(), TEXT_LIMIT);
        requireOpen();
        UUID evidenceId = command.evidenceId();
        if (evidenceId == null || !(standingEvidence.containsKey(evidenceId) || retractedEvidence.contains(evidenceId))) {
            throw new NotFoundException("evidence " + evidenceId + " is not logged in " + quarter);
        }
        // Retracting twice would record a second withdrawal of something already withdrawn.
        if (retractedEvidence.contains(evidenceId)) {
            throw new DomainRuleViolation(DomainRule.EVIDENCE_RETRACTED,
                    "evidence " + evidenceId + " is already retracted");
        }
        apply(new EvidenceRetracted(personId, quarter, evidenceId, reason));
    }

    /** Feedback may come at any time, also after the assessment: it informs the next quarter too. */
    @CommandHandler
    public void handle(RecordFeedback command, CareerFramework framework,
                       @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String givenBy = requireActor(actor, "feedback");
        UUID feedbackId = requireId("feedbackId", command.feedbackId());
        if (command.relationship() == null) {
            throw new InvalidCommandException("relationship", "relationship is required");
        }
        String text = Texts.required("text", command.text(), TEXT_LIMIT);
        LevelCode signalsLevel = command.signalsLevel() == null ? null
                : new LevelCode(framework.named("signalsLevel", command.signalsLevel()).code());
        // A feedback id names one piece of feedback for good: a retry must not record it twice.
        if (feedback.contains(feedbackId)) {
            throw new DomainRuleViolation(DomainRule.FEEDBACK_EXISTS,
                    "feedback " + feedbackId + " is already recorded in " + quarter);
        }
        // Feedback is read whole with the quarter: a flood of it would bury what was said.
        if (feedback.size() >= MAX_FEEDBACK) {
            throw new DomainRuleViolation(DomainRule.FEEDBACK_LIMIT_REACHED, "a quarter holds at most " + MAX_FEEDBACK
                    + " pieces of feedback, and " + quarter + " has " + MAX_FEEDBACK);
        }
        apply(new FeedbackRecorded(personId, quarter, feedbackId, command.relationship(), text, signalsLevel, givenBy));
    }

    /**
     * The assessment says at what level the person operated, and closes the quarter. A quarter is judged once it
     * has happened: not before it starts, and not before its closing weeks. Levels are impact, not tenure: a
     * next-level assessment must rest on standing evidence that demonstrates the next level or above.
     */
    @CommandHandler
    public void handle(AssessQuarter command, CareerFramework framework, QuarterCalendar calendar,
                       @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String assessedBy = requireActor(actor, "an assessment");
        UUID assessmentId = requireId("assessmentId", command.assessmentId());
        String operatingLevel = framework.named("operatingLevel", command.operatingLevel()).code();
        // Operating level is measured on the ladder the person is on; another track's level is a switch, not a finding.
        if (!framework.belongsTo(operatingLevel, track)) {
            throw new InvalidCommandException("operatingLevel",
                    "level " + operatingLevel + " is not on the " + track + " track of level " + levelHeld);
        }
        String rationale = Texts.required("rationale", command.rationale(), TEXT_LIMIT);
        if (status != QuarterStatus.OPEN) {
            throw new DomainRuleViolation(DomainRule.QUARTER_CLOSED, "quarter " + quarter
                    + " is already assessed; reopen it to amend the assessment");
        }
        Instant now = calendar.now();
        if (now.isBefore(quarter.start())) {
            throw new DomainRuleViolation(DomainRule.QUARTER_NOT_STARTED, "quarter " + quarter + " starts on "
                    + quarter.firstDay() + "; a quarter that has not started cannot be assessed");
        }
        if (now.isBefore(calendar.assessableFrom(quarter))) {
            throw new DomainRuleViolation(DomainRule.QUARTER_NOT_ENDED, "quarter " + quarter + " runs until "
                    + quarter.lastDay() + "; it can be assessed from " + calendar.assessableFrom(quarter)
                    + ", in its closing weeks");
        }
        // An amendment is a new assessment: reusing the id would make the two indistinguishable.
        if (assessmentId.equals(lastAssessmentId)) {
            throw new DomainRuleViolation(DomainRule.ASSESSMENT_EXISTS,
                    "assessment " + assessmentId + " was already made");
        }
        boolean atNextLevel = targetLevel != null && framework.isAtOrAbove(operatingLevel, targetLevel);
        // Levels = impact, not tenure: a next-level finding needs standing evidence of work at the next level.
        if (atNextLevel && standingEvidence.values().stream().noneMatch(level -> framework.meets(level, targetLevel))) {
            throw new DomainRuleViolation(DomainRule.ASSESSMENT_NEEDS_EVIDENCE, "an assessment at " + operatingLevel
                    + " (the next level or above) needs at least one piece of evidence that is not retracted and"
                    + " demonstrates " + targetLevel + " or above; "
                    + (standingEvidence.isEmpty() ? "no evidence stands in " + quarter
                    : "the standing evidence demonstrates " + String.join(", ",
                    standingEvidence.values().stream().distinct().sorted().toList())));
        }
        apply(new QuarterAssessed(personId, quarter, assessmentId, new LevelCode(operatingLevel),
                new LevelCode(levelHeld), LevelCode.orNull(targetLevel),
                atNextLevel, rationale, assessedBy, lastAssessmentId));
    }

    /** Reopening is how an assessment is amended: the old one stays in the history, the next one replaces it. */
    @CommandHandler
    public void handle(ReopenQuarter command, @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String reopenedBy = requireActor(actor, "a reopening");
        // Undoing an assessment must be explained, or the record can be bent without a trace of why.
        String reason = Texts.required("reason", command.reason(), TEXT_LIMIT);
        if (status != QuarterStatus.ASSESSED) {
            throw new DomainRuleViolation(DomainRule.QUARTER_NOT_ASSESSED, "quarter " + quarter
                    + " is open; only an assessed quarter can be reopened");
        }
        apply(new QuarterReopened(personId, quarter, reason, reopenedBy, lastAssessmentId));
    }

    /**
     * After a track switch an open quarter moves to the new track, its levels mapped through the equivalence table,
     * so it is assessed on the ladder the person is now on. An assessed quarter stays as it was judged (the
     * person's record maps its outcome), and a quarter already on that track has nothing to move.
     */
    @CommandHandler
    public void handle(MoveQuarterToTrack command, CareerFramework framework) {
        if (command.toTrack() == null || status != QuarterStatus.OPEN || command.toTrack() == track) {
            return;
        }
        String toLevel = LevelCode.codeOf(command.toLevel());
        java.util.List<Level> mapped = framework.equivalents(levelHeld, command.toTrack());
        String held = mapped.stream().anyMatch(l -> l.code().equals(toLevel)) || mapped.isEmpty()
                ? toLevel : mapped.get(0).code();
        String target = framework.nextLevel(held).map(Level::code).orElse(null);
        apply(new QuarterMovedToTrack(personId, quarter, command.decisionId(), track, command.toTrack(),
                new LevelCode(levelHeld), new LevelCode(held), LevelCode.orNull(targetLevel), LevelCode.orNull(target)));
    }

    // --- state changes ------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(QuarterOpened event) {
        this.quarterId = idOf(event.personId(), event.quarter());
        this.personId = event.personId();
        this.quarter = event.quarter();
        this.status = QuarterStatus.OPEN;
        this.track = event.track();
        this.levelHeld = event.levelHeld().code();
        this.targetLevel = LevelCode.codeOf(event.targetLevel());
    }

    @EventSourcingHandler
    void on(GoalSet event) {
        activeGoals.add(event.goalId());
    }

    @EventSourcingHandler
    void on(GoalDropped event) {
        activeGoals.remove(event.goalId());
        droppedGoals.add(event.goalId());
    }

    @EventSourcingHandler
    void on(GoalProgressed event) {
        progressNotes.merge(event.goalId(), 1, Integer::sum);
    }

    @EventSourcingHandler
    void on(EvidenceLogged event, @Timestamp Instant loggedAt) {
        standingEvidence.put(event.evidenceId(), event.demonstratesLevel().code());
        lastEvidenceLoggedAt = loggedAt;
    }

    @EventSourcingHandler
    void on(EvidenceRetracted event) {
        standingEvidence.remove(event.evidenceId());
        retractedEvidence.add(event.evidenceId());
    }

    @EventSourcingHandler
    void on(FeedbackRecorded event) {
        feedback.add(event.feedbackId());
    }

    @EventSourcingHandler
    void on(QuarterAssessed event) {
        this.status = QuarterStatus.ASSESSED;
        this.lastAssessmentId = event.assessmentId();
    }

    @EventSourcingHandler
    void on(QuarterReopened event) {
        this.status = QuarterStatus.OPEN;
    }

    @EventSourcingHandler
    void on(QuarterMovedToTrack event) {
        this.track = event.toTrack();
        this.levelHeld = event.levelHeld().code();
        this.targetLevel = LevelCode.codeOf(event.targetLevel());
    }

    // --- guards ---------------------------------------------------------------------------------------

    /** An assessed quarter is a closed record: changing its goals or evidence would change what was judged. */
    private void requireOpen() {
        if (status != QuarterStatus.OPEN) {
            throw new DomainRuleViolation(DomainRule.QUARTER_CLOSED, "quarter " + quarter
                    + " is assessed and closed; reopen it to change goals, progress or evidence");
        }
    }

    /** Only a goal still pursued can be revised, dropped or progressed; a dropped goal is history. */
    private UUID requireActiveGoal(UUID goalId) {
        if (goalId != null && droppedGoals.contains(goalId)) {
            throw new DomainRuleViolation(DomainRule.GOAL_DROPPED, "goal " + goalId + " was dropped");
        }
        if (goalId == null || !activeGoals.contains(goalId)) {
            throw new NotFoundException("goal " + goalId + " is not a goal of " + quarter);
        }
        return goalId;
    }

    private static String requireActor(String actor, String what) {
        // who acted is taken from the authenticated message, never from the request, and is never blank
        if (actor == null || actor.isBlank()) {
            throw new InvalidCommandException("actor", what + " needs an authenticated sender");
        }
        return actor;
    }

    private static UUID requireId(String field, UUID id) {
        if (id == null) {
            throw new InvalidCommandException(field, field + " is required");
        }
        return id;
    }

    /** Links are followed by readers: only web addresses, never javascript: or file: ones; each once, at most 10. */
    private static java.util.List<String> links(java.util.List<String> given) {
        if (given == null) {
            return java.util.List.of();
        }
        java.util.LinkedHashSet<String> links = new java.util.LinkedHashSet<>();
        for (String raw : given) {
            String link = Texts.optional("links", raw, LINK_LIMIT);
            if (link == null) {
                throw new InvalidCommandException("links", "a link must not be empty");
            }
            if (!(link.toLowerCase(Locale.ROOT).startsWith("http://") || link.toLowerCase(Locale.ROOT).startsWith("https://"))) {
                throw new InvalidCommandException("links", "a link must start with http:// or https://");
            }
            links.add(link);
        }
        if (links.size() > MAX_LINKS) {
            throw new InvalidCommandException("links", "at most " + MAX_LINKS + " links per piece of evidence");
        }
        return java.util.List.copyOf(links);
    }

    private static Dimension requireDimension(Dimension dimension) {
        if (dimension == null) {
            throw new InvalidCommandException("dimension", "dimension is required");
        }
        return dimension;
    }
}
