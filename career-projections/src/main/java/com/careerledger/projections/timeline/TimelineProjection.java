package com.careerledger.projections.timeline;

import com.careerledger.domain.EventCatalogue;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterId;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ProjectionBatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import com.careerledger.projections.support.SelectiveReplay;
import com.careerledger.projections.support.StoredTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read model 2, the career timeline: every event of a person and of their quarters, oldest first, as a sentence
 * a person reads, with who acted and the event's key fields.
 * <p>
 * Each entry is keyed by the event's identifier, so a redelivered event is inserted once. The order is the
 * event's own timestamp, then its aggregate and its place in that aggregate's stream: all of it comes from the
 * event, so a rebuild reproduces the same rows in the same order. Summaries name levels with their titles from
 * the framework, in the person's discipline (remembered from {@code PersonRegistered}, which comes first).
 * <p>
 * Handlers do not write: each entry joins the buffer of the processor's batch ({@link ProjectionBatch}), which at
 * the end of the batch looks up what the summaries need with one query per kind and inserts the rows with one
 * statement per table — a handful of statements per batch instead of one to three per event. Goals and evidence
 * are named by their latest title in the timeline, found through the indexes of V13.
 */
@Component
@ProcessingGroup(TimelineProjection.PROCESSING_GROUP)
public class TimelineProjection {

    public static final String PROCESSING_GROUP = "timeline";

    /** Free text (feedback, reasons) is quoted in a summary up to this length. */
    private static final int QUOTE_LIMIT = 200;

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * The discipline each person was registered with, as timeline_person holds it in committed rows: that row is
     * written once and never changes (ON CONFLICT DO NOTHING), so this can only go out of date by a rebuild
     * emptying the table, and the reset handler forgets it then. Shared by the processor's threads.
     */
    private final Map<UUID, String> registeredDisciplines = new ConcurrentHashMap<>();

    /** More than this many people known, and the map starts again (it is only a shortcut). */
    private static final int DISCIPLINES_KEPT = 200_000;

    public TimelineProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    // --- person events ---------------------------------------------------------------------------------

    @EventHandler
    void on(PersonRegistered e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String discipline = e.discipline().name();
        String summary = "Joined the ladder at " + level(e.level(), e.discipline()) + " on the " + track(e.track())
                + " track" + (e.managerId() == null ? "" : ", with a manager");
        append(eventId, e.personId(), person(e.personId()), seq, at, e, discipline, Lookup.NONE, known -> summary,
                actor, data()
                .put("personId", e.personId().toString())
                .put("track", e.track().name())
                .put("level", e.level())
                .put("discipline", e.discipline().name())
                .put("managerId", text(e.managerId())));
    }

    @EventHandler
    void on(ManagerAssigned e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = e.previousManagerId() == null ? "Got a manager" : "Changed manager";
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data()
                .put("managerId", text(e.managerId()))
                .put("previousManagerId", text(e.previousManagerId())));
    }

    @EventHandler
    void on(QuarterOutcomeRecorded e, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        // levelHeld is the level held in that quarter (events stored before 2026-11 carry the level held when the
        // outcome was recorded); a quarter assessed on the other track reads "IC4 (mapped to M2)"
        append(eventId, e.personId(), person(e.personId()), seq, at, e, Lookup.DISCIPLINE, known -> {
            Discipline d = known.discipline();
            String counted = e.mappedFrom() == null ? level(e.operatingLevel(), d) : e.outcome().describe();
            return "Quarter " + e.quarter() + " joined the sustained record at " + counted
                    + (e.levelHeld() == null ? "" : ", holding " + level(e.levelHeld(), d));
        }, actor, data()
                .put("quarter", e.quarter())
                .put("operatingLevel", e.operatingLevel())
                .put("mappedFrom", e.mappedFrom())
                .put("levelHeld", e.levelHeld())
                .put("assessmentId", text(e.assessmentId())));
    }

    @EventHandler
    void on(QuarterOutcomeWithdrawn e, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Quarter " + e.quarter() + " left the sustained record: its assessment was reopened";
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("operatingLevel", e.operatingLevel())
                .put("assessmentId", text(e.assessmentId())));
    }

    /**
     * A quarter an earlier promotion cites was reopened or re-assessed: the promotion stays, and the entry says
     * whether it would still hold. The promotion's level is looked up in the timeline's own LevelChanged entry.
     */
    @EventHandler
    void on(DecisionBasisChanged e, @MessageIdentifier String eventId, @SequenceNumber long seq,
            @Timestamp Instant at, @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        Lookup lookup = e.decisionId() == null ? Lookup.DISCIPLINE : Lookup.decision(e.decisionId());
        append(eventId, e.personId(), person(e.personId()), seq, at, e, lookup, known -> {
            Discipline d = known.discipline();
            String decision = known.decisionTo() == null ? "An earlier promotion"
                    : "The promotion to " + level(known.decisionTo(), d);
            String what = e.change() == BasisChange.WITHDRAWN || e.operatingLevel() == null
                    ? "whose assessment was reopened"
                    : "which was reassessed at " + level(e.operatingLevel(), d);
            return decision + " rests on " + e.quarter() + ", " + what + "; the decision "
                    + (e.stillHolds() ? "still holds" : "would no longer hold");
        }, actor, data()
                .put("decisionId", text(e.decisionId()))
                .put("quarter", e.quarter())
                .put("change", e.change() == null ? null : e.change().name())
                .put("previousOperatingLevel", e.previousOperatingLevel())
                .put("operatingLevel", e.operatingLevel())
                .put("assessmentId", text(e.assessmentId()))
                .put("stillHolds", e.stillHolds()));
    }

    @EventHandler
    void on(LevelChanged e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        List<QuarterOutcome> basis = e.basis() == null ? List.of() : e.basis();
        Summary summary = known -> {
            Discipline d = known.discipline();
            String fromTo = " from " + level(e.fromLevel(), d) + " to " + level(e.toLevel(), d);
            return switch (e.kind()) {
                case PROMOTION -> e.override() != null
                        ? "Promoted" + fromTo + " by override: " + quote(e.override().justification())
                        : "Promoted" + fromTo + " on " + basis.size() + " consecutive quarter" + (basis.size() == 1 ? "" : "s")
                        + " at " + e.toLevel() + " or above";
                case DEMOTION -> "Level corrected down" + fromTo + ": " + quote(e.rationale());
                default -> "Level corrected" + fromTo + ": " + quote(e.rationale());
            };
        };
        ArrayNode quarters = json.createArrayNode();
        basis.forEach(o -> quarters.add(o.quarter()));
        ObjectNode data = data()
                .put("decisionId", text(e.decisionId()))
                .put("kind", e.kind().name())
                .put("fromLevel", e.fromLevel())
                .put("toLevel", e.toLevel())
                .put("override", e.override() != null);
        data.set("basis", quarters);
        append(eventId, e.personId(), person(e.personId()), seq, at, e, Lookup.DISCIPLINE, summary, actor, data);
    }

    @EventHandler
    void on(TrackSwitched e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), person(e.personId()), seq, at, e, Lookup.heldBefore(e.toTrack()),
                known -> switched(e, known), actor, data()
                .put("decisionId", text(e.decisionId()))
                .put("kind", DecisionKind.TRACK_SWITCH.name())
                .put("fromTrack", e.fromTrack().name())
                .put("fromLevel", e.fromLevel())
                .put("toTrack", e.toTrack().name())
                .put("toLevel", e.toLevel()));
    }

    /**
     * A track switch in words that say which level it landed on and why that one: the only equivalent, the level
     * held on that track before (a round trip), or one of several equivalents — then also what was held there
     * before, when it was another one (a round trip that cost a level, as switches stored before 2026-11 could).
     */
    private String switched(TrackSwitched e, Known known) {
        Discipline d = known.discipline();
        String held = known.lastHeld();
        List<String> equivalents = framework.equivalents(e.fromLevel(), e.toTrack()).stream().map(Level::code).toList();
        boolean back = e.toLevel().equals(held);
        String landed;
        if (back) {
            landed = ", the level held there before (not a promotion)";
        } else if (equivalents.equals(List.of(e.toLevel()))) {
            landed = ", the equivalent level (not a promotion)";
        } else if (equivalents.contains(e.toLevel())) {
            landed = ", one of the levels equivalent to " + e.fromLevel() + " (" + String.join(" and ", equivalents) + ")"
                    + (held == null ? "" : ", not " + level(held, d) + " held there before")
                    + " (not a promotion)";
        } else {
            landed = ", a level the framework does not list as equivalent to " + e.fromLevel() + " (not a promotion)";
        }
        return "Switched from the " + track(e.fromTrack()) + " track at " + level(e.fromLevel(), d)
                + (back ? " back" : "") + " to the " + track(e.toTrack()) + " track at " + level(e.toLevel(), d) + landed;
    }

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterMovedToTrack e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.DISCIPLINE, known -> {
            Discipline d = known.discipline();
            return "Quarter " + e.quarter() + " moved to the " + track(e.toTrack()) + " track: now held at "
                    + level(e.levelHeld(), d)
                    + (e.targetLevel() == null ? ", the top of the track" : ", aiming at " + level(e.targetLevel(), d));
        }, actor, data()
                .put("quarter", e.quarter())
                .put("decisionId", text(e.decisionId()))
                .put("fromTrack", e.fromTrack() == null ? null : e.fromTrack().name())
                .put("toTrack", e.toTrack() == null ? null : e.toTrack().name())
                .put("previousLevelHeld", e.previousLevelHeld())
                .put("levelHeld", e.levelHeld())
                .put("previousTargetLevel", e.previousTargetLevel())
                .put("targetLevel", e.targetLevel()));
    }

    @EventHandler
    void on(QuarterOpened e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.DISCIPLINE, known -> {
            Discipline d = known.discipline();
            return "Quarter " + e.quarter() + " opened at " + level(e.levelHeld(), d)
                    + (e.targetLevel() == null ? ", the top of the track" : ", aiming at " + level(e.targetLevel(), d));
        }, actor, data()
                .put("quarter", e.quarter())
                .put("track", e.track().name())
                .put("levelHeld", e.levelHeld())
                .put("targetLevel", e.targetLevel()));
    }

    @EventHandler
    void on(GoalSet e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Set a goal for " + e.quarter() + ": " + e.title() + " (" + e.dimension().name()
                + (e.targetLevel() == null ? "" : ", aims at " + e.targetLevel()) + ")";
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name())
                .put("targetLevel", e.targetLevel()));
    }

    @EventHandler
    void on(GoalRevised e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.goal(e.goalId()), known -> {
            String before = known.goalTitle();
            return "Revised a goal for " + e.quarter() + ": " + (before.equals(e.title()) ? "" : before + " is now ")
                    + e.title() + " (" + e.dimension().name() + ")";
        }, actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name()));
    }

    @EventHandler
    void on(GoalDropped e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.goal(e.goalId()),
                known -> "Dropped the goal " + known.goalTitle() + " in " + e.quarter() + ": " + quote(e.reason()),
                actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId())));
    }

    @EventHandler
    void on(GoalProgressed e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.goal(e.goalId()),
                known -> "Progress on " + known.goalTitle() + " (" + e.quarter() + "): "
                        + e.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (e.note() == null || e.note().isBlank() ? "" : " — " + quote(e.note())),
                actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId()))
                .put("status", e.status().name()));
    }

    @EventHandler
    void on(EvidenceLogged e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Logged evidence: " + e.title() + " (" + e.dimension().name() + ", shows "
                + e.demonstratesLevel() + ")";
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("evidenceId", text(e.evidenceId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name())
                .put("demonstratesLevel", e.demonstratesLevel())
                .put("goalId", text(e.goalId()))
                .put("occurredOn", e.occurredOn() == null ? null : e.occurredOn().toString()));
    }

    @EventHandler
    void on(EvidenceRetracted e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, Lookup.evidence(e.evidenceId()),
                known -> "Retracted evidence: " + known.evidenceTitle() + " (" + quote(e.reason()) + ")",
                actor, data()
                .put("quarter", e.quarter())
                .put("evidenceId", text(e.evidenceId())));
    }

    @EventHandler
    void on(FeedbackRecorded e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String from = switch (e.relationship()) {
            case MANAGER -> "Manager";
            case PEER -> "Peer";
            case REPORT -> "Report";
            case SELF -> "Self";
        };
        String summary = from + " feedback in " + e.quarter() + ": \"" + quote(e.text()) + "\""
                + (e.signalsLevel() == null ? "" : " (suggests " + e.signalsLevel() + ")");
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("feedbackId", text(e.feedbackId()))
                .put("relationship", e.relationship().name())
                .put("signalsLevel", e.signalsLevel()));
    }

    @EventHandler
    void on(QuarterAssessed e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String standing;
        if (e.operatingLevel().equals(e.targetLevel())) {
            standing = "the next level";
        } else if (e.atNextLevel()) {
            standing = "above the next level";
        } else if (e.operatingLevel().equals(e.levelHeld())) {
            standing = "the level held";
        } else if (framework.isAtOrAbove(e.operatingLevel(), e.levelHeld())) {
            standing = "above the level held";
        } else {
            standing = "below the level held, " + e.levelHeld();
        }
        String summary = "Quarter " + e.quarter() + (e.amendsAssessmentId() == null ? " assessed at " : " re-assessed at ")
                + e.operatingLevel() + " (" + standing + ")"
                + (e.amendsAssessmentId() == null ? "" : ", amending the earlier assessment");
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("assessmentId", text(e.assessmentId()))
                .put("operatingLevel", e.operatingLevel())
                .put("levelHeld", e.levelHeld())
                .put("targetLevel", e.targetLevel())
                .put("atNextLevel", e.atNextLevel())
                .put("amendsAssessmentId", text(e.amendsAssessmentId())));
    }

    @EventHandler
    void on(QuarterReopened e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Quarter " + e.quarter() + " reopened to reconsider its assessment: " + quote(e.reason());
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("previousAssessmentId", text(e.previousAssessmentId())));
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE timeline_entry, timeline_person");
            registeredDisciplines.clear();
        }
    }

    // --- queries ---------------------------------------------------------------------------------------

    /** A person's timeline, oldest first. */
    public Page<TimelineEntry> page(UUID personId, int page, int size) {
        // the count and the page in one statement, so one snapshot: a batch committed in between cannot make the
        // page hold more entries than the total says
        long[] total = {0};
        List<TimelineEntry> items = new java.util.ArrayList<>();
        jdbc.query("""
                SELECT t.total, e.at, e.type, e.summary, e.actor, e.data
                FROM (SELECT count(*) AS total FROM timeline_entry WHERE person_id = ?) t
                LEFT JOIN LATERAL (
                    SELECT at, type, summary, actor, data::text AS data FROM timeline_entry WHERE person_id = ?
                    ORDER BY at, global_index, aggregate_id, sequence, event_id LIMIT ? OFFSET ?) e ON true""",
                rs -> {
                    total[0] = rs.getLong("total");
                    if (rs.getString("type") != null) {
                        items.add(new TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                                rs.getString("type"), rs.getString("summary"), rs.getString("actor"),
                                readData(rs.getString("data"))));
                    }
                },
                personId, personId, size, (long) page * size);
        return new Page<>(items, page, size, total[0]);
    }

    // --- the batch ---------------------------------------------------------------------------------------

    /**
     * What a summary needs beyond its event: the person's discipline, the title of a goal or of evidence, the level
     * a promotion went to ({@code decision}), or the level last held on a track ({@code heldOn}).
     */
    private record Lookup(boolean discipline, String titleField, UUID titleOf, UUID decision, Track heldOn) {
        static final Lookup NONE = new Lookup(false, null, null, null, null);
        static final Lookup DISCIPLINE = new Lookup(true, null, null, null, null);

        Lookup(boolean discipline, String titleField, UUID titleOf) {
            this(discipline, titleField, titleOf, null, null);
        }

        /** The level the decision went to, from its LevelChanged entry; with the person's discipline. */
        static Lookup decision(UUID decisionId) {
            return new Lookup(true, null, null, decisionId, null);
        }

        /**
         * The level the person held on {@code track} when they last left it: the {@code fromLevel} of their latest
         * TrackSwitched entry from that track; with the person's discipline.
         */
        static Lookup heldBefore(Track track) {
            return new Lookup(true, null, null, null, Objects.requireNonNull(track, "track"));
        }

        /**
         * The goal's latest title from the timeline itself: the newest entry whose data names the goal and has a
         * title — GoalSet and GoalRevised, and also EvidenceLogged against the goal (its title is the evidence's).
         */
        static Lookup goal(UUID goalId) {
            return new Lookup(false, "goalId", Objects.requireNonNull(goalId, "goalId"));
        }

        static Lookup evidence(UUID evidenceId) {
            return new Lookup(false, "evidenceId", Objects.requireNonNull(evidenceId, "evidenceId"));
        }
    }

    /** What a lookup found, as of the entry's place in the batch (rows of the entries before it included). */
    private record Known(Discipline discipline, String title, String decisionTo, String lastHeld) {
        String goalTitle() {
            return title == null ? "a goal" : title;
        }

        String evidenceTitle() {
            return title == null ? "an entry of the Win Log" : title;
        }
    }

    @FunctionalInterface
    private interface Summary {
        String write(Known known);
    }

    /** An entry handled, waiting for the end of its batch. */
    private record Pending(String eventId, UUID personId, String aggregateId, long sequence, Instant at, String type,
                           String actor, ObjectNode data, String dataText, String registers, Lookup lookup,
                           Summary summary, Long globalIndex) {

        /** This entry's title with its place in the timeline, null if its data has none. */
        Title title() {
            String title = field(data, "title");
            return title == null ? null : new Title(title, StoredTime.micros(at), aggregateId, sequence);
        }
    }

    /** Which title a lookup wants: the person and {@code data->>field = ref}, as the rows hold them. */
    private record TitleKey(UUID personId, String field, String ref) {
    }

    /**
     * A row's title with its place in the timeline's order ({@code at, aggregate_id, sequence}); {@code at} in
     * microseconds, rounded as the driver rounds it into a TIMESTAMPTZ, so that rows compare here as they do in
     * the database.
     */
    private record Title(String title, long atMicros, String aggregateId, long sequence) implements Comparable<Title> {
        @Override
        public int compareTo(Title other) {
            int c = Long.compare(atMicros, other.atMicros);
            if (c == 0) {
                c = aggregateId.compareTo(other.aggregateId);
            }
            return c != 0 ? c : Long.compare(sequence, other.sequence);
        }

        static Title later(Title a, Title b) {
            return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
        }
    }

    private Batch newBatch() {
        Batch batch = new Batch();
        if (CurrentUnitOfWork.isStarted()) {
            // the disciplines this batch stores or reads are facts of the database once it has committed
            CurrentUnitOfWork.get().root().afterCommit(u -> batch.remember());
        } else {
            batch.rememberOnFlush = true;
        }
        return batch;
    }

    /**
     * The entries of one batch. Handlers only collect them; at the end of the batch the buffer reads what the
     * summaries need in one query per kind (disciplines not known yet, the latest titles of the goals and evidence
     * named), then writes each summary as the entries come — a lookup sees the database as it was before the
     * batch plus the entries before its own, exactly as if each entry had been written at once — and inserts the
     * rows with one statement per table.
     */
    private final class Batch implements ProjectionBatch.Buffer {

        private final List<Pending> entries = new ArrayList<>();
        private final Map<UUID, String> learned = new HashMap<>();
        private boolean rememberOnFlush;

        void append(Pending entry) {
            entries.add(entry);
        }

        @Override
        public void flush() {
            if (entries.isEmpty()) {
                return;
            }
            Map<UUID, String> stored = storedDisciplines();
            Map<TitleKey, Title> latest = storedTitles();
            Map<UUID, String> decisions = storedDecisions();
            Map<HeldKey, String> held = storedLevelsLeft();

            Map<UUID, String> people = new LinkedHashMap<>(); // timeline_person rows, the first registration wins
            Map<String, Object[]> rows = new LinkedHashMap<>(); // by event id: a second delivery in the batch is a no-op
            for (Pending entry : entries) {
                Lookup lookup = entry.lookup();
                Discipline discipline = null;
                String title = null;
                if (lookup.discipline()) {
                    String name = stored.getOrDefault(entry.personId(), people.get(entry.personId()));
                    discipline = name == null ? null : Discipline.valueOf(name);
                }
                if (lookup.titleField() != null) {
                    Title found = latest.get(new TitleKey(entry.personId(), lookup.titleField(), lookup.titleOf().toString()));
                    title = found == null ? null : found.title();
                }
                String decisionTo = lookup.decision() == null ? null : decisions.get(lookup.decision());
                String lastHeld = lookup.heldOn() == null ? null
                        : held.get(new HeldKey(entry.personId(), lookup.heldOn().name()));
                String summary = entry.summary().write(new Known(discipline, title, decisionTo, lastHeld));
                rows.putIfAbsent(entry.eventId(), new Object[]{entry.eventId(), entry.personId(),
                        entry.at().atOffset(ZoneOffset.UTC), entry.aggregateId(), entry.sequence(), entry.type(),
                        summary, entry.actor(), entry.dataText(), entry.globalIndex()});

                // what this entry's rows change for the lookups of the entries after it
                if (entry.registers() != null) {
                    people.putIfAbsent(entry.personId(), entry.registers());
                }
                if (entry.type().equals(LEVEL_CHANGED) && field(entry.data(), "decisionId") != null) {
                    decisions.putIfAbsent(UUID.fromString(field(entry.data(), "decisionId")),
                            field(entry.data(), "toLevel"));
                }
                if (entry.type().equals(TRACK_SWITCHED) && field(entry.data(), "fromTrack") != null) {
                    held.put(new HeldKey(entry.personId(), field(entry.data(), "fromTrack")),
                            field(entry.data(), "fromLevel"));
                }
                for (String field : TITLE_FIELDS) {
                    String ref = field(entry.data(), field);
                    TitleKey key = ref == null ? null : new TitleKey(entry.personId(), field, ref);
                    if (key != null && latest.containsKey(key)) {
                        latest.put(key, Title.later(latest.get(key), entry.title()));
                    }
                }
            }
            ProjectionBatch.Statement register = new ProjectionBatch.Statement(
                    "INSERT INTO timeline_person (person_id, discipline) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING");
            people.forEach(register::add);
            register.run(jdbc);
            ProjectionBatch.Statement insert = new ProjectionBatch.Statement("""
                    INSERT INTO timeline_entry (event_id, person_id, at, aggregate_id, sequence, type, summary, actor, data,
                                                global_index)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (event_id) DO NOTHING""");
            rows.values().forEach(insert::add);
            insert.run(jdbc);

            // after the commit, timeline_person holds the stored disciplines and the first registrations of the others
            learned.putAll(people);
            learned.putAll(stored);
            entries.clear();
            if (rememberOnFlush) {
                remember();
            }
        }

        /** After the commit: the disciplines of the batch join those known. */
        void remember() {
            if (registeredDisciplines.size() + learned.size() > DISCIPLINES_KEPT) {
                registeredDisciplines.clear();
            }
            registeredDisciplines.putAll(learned);
            learned.clear();
        }

        /**
         * The disciplines in timeline_person before this batch of the people it looks up or registers: those
         * known already, the others in one query.
         */
        private Map<UUID, String> storedDisciplines() {
            Map<UUID, String> stored = new HashMap<>();
            Set<UUID> unknown = new HashSet<>();
            for (Pending entry : entries) {
                if (entry.lookup().discipline() || entry.registers() != null) {
                    String known = registeredDisciplines.get(entry.personId());
                    if (known != null) {
                        stored.put(entry.personId(), known);
                    } else {
                        unknown.add(entry.personId());
                    }
                }
            }
            if (!unknown.isEmpty()) {
                jdbc.query(con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "SELECT person_id, discipline FROM timeline_person WHERE person_id = ANY (?)");
                    ps.setArray(1, con.createArrayOf("uuid", unknown.toArray()));
                    return ps;
                }, (ResultSet rs) -> {
                    stored.put(rs.getObject(1, UUID.class), rs.getString(2));
                });
            }
            return stored;
        }

        /**
         * The level each promotion the batch looks up went to, from its LevelChanged row stored before this batch
         * (a decision has one): one query, over the people's own rows, and only for batches that need it.
         */
        private Map<UUID, String> storedDecisions() {
            Map<UUID, String> found = new HashMap<>();
            Set<UUID> people = new HashSet<>();
            Set<String> wanted = new HashSet<>();
            for (Pending entry : entries) {
                if (entry.lookup().decision() != null) {
                    people.add(entry.personId());
                    wanted.add(entry.lookup().decision().toString());
                }
            }
            if (wanted.isEmpty()) {
                return found;
            }
            jdbc.query(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        SELECT data->>'decisionId' AS decision, data->>'toLevel' AS to_level FROM timeline_entry
                        WHERE person_id = ANY (?) AND type = ? AND data->>'decisionId' = ANY (?)""");
                ps.setArray(1, con.createArrayOf("uuid", people.toArray()));
                ps.setString(2, LEVEL_CHANGED);
                ps.setArray(3, con.createArrayOf("text", wanted.toArray()));
                return ps;
            }, (ResultSet rs) -> {
                found.putIfAbsent(UUID.fromString(rs.getString("decision")), rs.getString("to_level"));
            });
            return found;
        }

        /**
         * For each (person, track) the batch looks up, the level the person held when they last left that track:
         * the latest TrackSwitched row from it stored before this batch. A person's switches are all in their own
         * stream, so the latest is the highest sequence. One query, only for batches that need it.
         */
        private Map<HeldKey, String> storedLevelsLeft() {
            Map<HeldKey, String> found = new HashMap<>();
            Set<UUID> people = new HashSet<>();
            for (Pending entry : entries) {
                if (entry.lookup().heldOn() != null) {
                    people.add(entry.personId());
                }
            }
            if (people.isEmpty()) {
                return found;
            }
            jdbc.query(con -> {
                PreparedStatement ps = con.prepareStatement("""
                        SELECT DISTINCT ON (person_id, data->>'fromTrack')
                               person_id, data->>'fromTrack' AS track, data->>'fromLevel' AS level
                        FROM timeline_entry WHERE person_id = ANY (?) AND type = ?
                        ORDER BY person_id, data->>'fromTrack', sequence DESC""");
                ps.setArray(1, con.createArrayOf("uuid", people.toArray()));
                ps.setString(2, TRACK_SWITCHED);
                return ps;
            }, (ResultSet rs) -> {
                if (rs.getString("track") != null) {
                    found.put(new HeldKey(rs.getObject("person_id", UUID.class), rs.getString("track")),
                            rs.getString("level"));
                }
            });
            return found;
        }

        /**
         * For each title the batch looks up, the latest row holding it in timeline_entry before this batch: one
         * query, one index probe per title (V13). A title nobody wrote is mapped to {@code null}.
         */
        private Map<TitleKey, Title> storedTitles() {
            Map<TitleKey, Title> latest = new HashMap<>();
            for (Pending entry : entries) {
                Lookup lookup = entry.lookup();
                if (lookup.titleField() != null) {
                    latest.put(new TitleKey(entry.personId(), lookup.titleField(), lookup.titleOf().toString()), null);
                }
            }
            if (latest.isEmpty()) {
                return latest;
            }
            List<UUID> goalPeople = new ArrayList<>();
            List<String> goals = new ArrayList<>();
            List<UUID> evidencePeople = new ArrayList<>();
            List<String> evidence = new ArrayList<>();
            for (TitleKey key : latest.keySet()) {
                (key.field().equals("goalId") ? goalPeople : evidencePeople).add(key.personId());
                (key.field().equals("goalId") ? goals : evidence).add(key.ref());
            }
            jdbc.query(con -> {
                PreparedStatement ps = con.prepareStatement(LATEST_TITLES);
                ps.setArray(1, con.createArrayOf("uuid", goalPeople.toArray()));
                ps.setArray(2, con.createArrayOf("text", goals.toArray()));
                ps.setArray(3, con.createArrayOf("uuid", evidencePeople.toArray()));
                ps.setArray(4, con.createArrayOf("text", evidence.toArray()));
                return ps;
            }, (ResultSet rs) -> {
                latest.put(new TitleKey(rs.getObject("person_id", UUID.class), rs.getString("field"), rs.getString("ref")),
                        new Title(rs.getString("title"), StoredTime.micros(rs.getObject("at", OffsetDateTime.class).toInstant()),
                                rs.getString("aggregate_id"), rs.getLong("sequence")));
            });
            return latest;
        }
    }

    private static final String LEVEL_CHANGED = EventCatalogue.nameOf(LevelChanged.class);
    private static final String TRACK_SWITCHED = EventCatalogue.nameOf(TrackSwitched.class);

    /** A person and a track (its name): where the level last held on that track is looked up. */
    private record HeldKey(UUID personId, String track) {
    }

    /** The JSON fields of an entry's data that name a goal or evidence whose title summaries look up. */
    private static final List<String> TITLE_FIELDS = List.of("goalId", "evidenceId");

    /**
     * The latest title of each (person, goal) and (person, evidence) asked for: the first row in the timeline's
     * order, newest first, whose data names it and has a title — GoalSet and GoalRevised for a goal, but also
     * EvidenceLogged for the goal it is logged against, and EvidenceLogged for evidence.
     */
    private static final String LATEST_TITLES = """
            SELECT 'goalId' AS field, k.person_id, k.ref, t.title, t.at, t.aggregate_id, t.sequence
            FROM unnest(?::uuid[], ?::text[]) AS k(person_id, ref)
            CROSS JOIN LATERAL (
                SELECT e.data->>'title' AS title, e.at, e.aggregate_id, e.sequence FROM timeline_entry e
                WHERE e.person_id = k.person_id AND e.data->>'goalId' = k.ref AND e.data->>'title' IS NOT NULL
                ORDER BY e.at DESC, e.aggregate_id DESC, e.sequence DESC LIMIT 1) t
            UNION ALL
            SELECT 'evidenceId' AS field, k.person_id, k.ref, t.title, t.at, t.aggregate_id, t.sequence
            FROM unnest(?::uuid[], ?::text[]) AS k(person_id, ref)
            CROSS JOIN LATERAL (
                SELECT e.data->>'title' AS title, e.at, e.aggregate_id, e.sequence FROM timeline_entry e
                WHERE e.person_id = k.person_id AND e.data->>'evidenceId' = k.ref AND e.data->>'title' IS NOT NULL
                ORDER BY e.at DESC, e.aggregate_id DESC, e.sequence DESC LIMIT 1) t""";

    /** {@code data->>name}: the field as text, null if absent or JSON null. */
    private static String field(ObjectNode data, String name) {
        JsonNode node = data.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }


    // --- helpers ---------------------------------------------------------------------------------------

    /** An entry whose summary needs nothing but the event. */
    private void append(String eventId, UUID personId, String aggregateId, long seq, Instant at, Object event,
                        String summary, String actor, ObjectNode data) {
        append(eventId, personId, aggregateId, seq, at, event, null, Lookup.NONE, known -> summary, actor, data);
    }

    /** An entry whose summary is written when the batch is, with what {@code lookup} names resolved. */
    private void append(String eventId, UUID personId, String aggregateId, long seq, Instant at, Object event,
                        Lookup lookup, Summary summary, String actor, ObjectNode data) {
        append(eventId, personId, aggregateId, seq, at, event, null, lookup, summary, actor, data);
    }

    /**
     * Every entry goes through here: it joins the batch's buffer, which writes its summary and its row when the
     * batch ends. {@code registers} is the discipline of a {@code PersonRegistered}, remembered in timeline_person.
     */
    private void append(String eventId, UUID personId, String aggregateId, long seq, Instant at, Object event,
                        String registers, Lookup lookup, Summary summary, String actor, ObjectNode data) {
        Pending entry = new Pending(eventId, personId, aggregateId, seq, at, EventCatalogue.nameOf(event.getClass()), actor,
                data, writeData(data), registers, lookup, summary, globalIndex());
        ProjectionBatch.with(this, this::newBatch, batch -> batch.append(entry));
    }

    /**
     * The event's place in the event store's global order, which breaks ties between events of one millisecond
     * (an assessment and the outcome its relay records in the same transaction, say); null outside a processor.
     */
    private static Long globalIndex() {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked)
                || tracked.trackingToken() == null) {
            return null;
        }
        OptionalLong position = tracked.trackingToken().position();
        return position.isPresent() ? position.getAsLong() : null;
    }

    private static String person(UUID personId) {
        return personId.toString();
    }

    /** The Quarter aggregate's id, written the way the domain writes it. */
    private static String quarter(UUID personId, String quarter) {
        return QuarterId.of(personId, quarter);
    }

    /** {@code IC3 (Senior Engineer)}: the code, with the title in the person's discipline when it is known. */
    private String level(String code, Discipline discipline) {
        if (code == null) {
            return "an unknown level";
        }
        String title = discipline == null ? null : framework.level(code).map(l -> l.title(discipline)).orElse(null);
        return title == null || title.isBlank() ? code : code + " (" + title + ")";
    }

    private String track(Track track) {
        return framework.tracks().stream().filter(t -> t.code() == track).findFirst()
                .map(t -> t.name() == null ? track.name() : t.name().toLowerCase(Locale.ROOT))
                .orElse(track.name());
    }

    private ObjectNode data() {
        return json.createObjectNode();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        return t.length() <= QUOTE_LIMIT ? t : t.substring(0, QUOTE_LIMIT - 1).stripTrailing() + "…";
    }

    private String writeData(ObjectNode data) {
        try {
            return json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readData(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable timeline data", e);
        }
    }
}
