package com.careerledger.projections.timeline;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Read model 2, the career timeline: every event of a person and of their quarters, oldest first, as a sentence
 * a person reads, with who acted and the event's key fields.
 * <p>
 * Each entry is keyed by the event's identifier, so a redelivered event is inserted once. The order is the
 * event's own timestamp, then its aggregate and its place in that aggregate's stream: all of it comes from the
 * event, so a rebuild reproduces the same rows in the same order. Summaries name levels with their titles from
 * the framework, in the person's discipline (remembered from {@code PersonRegistered}, which comes first).
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

    public TimelineProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    // --- person events ---------------------------------------------------------------------------------

    @EventHandler
    void on(PersonRegistered e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        jdbc.update("INSERT INTO timeline_person (person_id, discipline) VALUES (?, ?) ON CONFLICT (person_id) DO NOTHING",
                e.personId(), e.discipline().name());
        String summary = "Joined the ladder at " + level(e.level(), e.discipline()) + " on the " + track(e.track())
                + " track" + (e.managerId() == null ? "" : ", with a manager");
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data()
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
        Discipline d = discipline(e.personId());
        String summary = "Quarter " + e.quarter() + " joined the sustained record at " + level(e.operatingLevel(), d)
                + (e.levelHeld() == null ? "" : ", holding " + level(e.levelHeld(), d));
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("operatingLevel", e.operatingLevel())
                .put("levelHeld", e.levelHeld())
                .put("assessmentId", text(e.assessmentId())));
    }

    @EventHandler
    void on(LevelChanged e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        Discipline d = discipline(e.personId());
        String fromTo = " from " + level(e.fromLevel(), d) + " to " + level(e.toLevel(), d);
        List<QuarterOutcome> basis = e.basis() == null ? List.of() : e.basis();
        String summary = switch (e.kind()) {
            case PROMOTION -> e.override() != null
                    ? "Promoted" + fromTo + " by override: " + quote(e.override().justification())
                    : "Promoted" + fromTo + " on " + basis.size() + " consecutive quarter" + (basis.size() == 1 ? "" : "s")
                    + " at " + e.toLevel() + " or above";
            case DEMOTION -> "Level corrected down" + fromTo + ": " + quote(e.rationale());
            default -> "Level corrected" + fromTo + ": " + quote(e.rationale());
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
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data);
    }

    @EventHandler
    void on(TrackSwitched e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        Discipline d = discipline(e.personId());
        String summary = "Switched from the " + track(e.fromTrack()) + " track at " + level(e.fromLevel(), d)
                + " to the " + track(e.toTrack()) + " track at " + level(e.toLevel(), d)
                + ", the equivalent level (not a promotion)";
        append(eventId, e.personId(), person(e.personId()), seq, at, e, summary, actor, data()
                .put("decisionId", text(e.decisionId()))
                .put("kind", DecisionKind.TRACK_SWITCH.name())
                .put("fromTrack", e.fromTrack().name())
                .put("fromLevel", e.fromLevel())
                .put("toTrack", e.toTrack().name())
                .put("toLevel", e.toLevel()));
    }

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterOpened e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        Discipline d = discipline(e.personId());
        String summary = "Quarter " + e.quarter() + " opened at " + level(e.levelHeld(), d)
                + (e.targetLevel() == null ? ", the top of the track" : ", aiming at " + level(e.targetLevel(), d));
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
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
        String before = goalTitle(e.personId(), e.goalId());
        String summary = "Revised a goal for " + e.quarter() + ": " + (before.equals(e.title()) ? "" : before + " is now ")
                + e.title() + " (" + e.dimension().name() + ")";
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId()))
                .put("title", e.title())
                .put("dimension", e.dimension().name()));
    }

    @EventHandler
    void on(GoalDropped e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Dropped the goal " + goalTitle(e.personId(), e.goalId()) + " in " + e.quarter() + ": "
                + quote(e.reason());
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
                .put("quarter", e.quarter())
                .put("goalId", text(e.goalId())));
    }

    @EventHandler
    void on(GoalProgressed e, @MessageIdentifier String eventId, @SequenceNumber long seq, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.ACTOR) String actor) {
        String summary = "Progress on " + goalTitle(e.personId(), e.goalId()) + " (" + e.quarter() + "): "
                + e.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (e.note() == null || e.note().isBlank() ? "" : " — " + quote(e.note()));
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
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
        String summary = "Retracted evidence: " + evidenceTitle(e.personId(), e.evidenceId()) + " (" + quote(e.reason()) + ")";
        append(eventId, e.personId(), quarter(e.personId(), e.quarter()), seq, at, e, summary, actor, data()
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
        }
    }

    // --- queries ---------------------------------------------------------------------------------------

    /** A person's timeline, oldest first. */
    public Page<TimelineEntry> page(UUID personId, int page, int size) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM timeline_entry WHERE person_id = ?", Long.class, personId);
        List<TimelineEntry> items = jdbc.query("""
                SELECT at, type, summary, actor, data::text AS data FROM timeline_entry WHERE person_id = ?
                ORDER BY at, aggregate_id, sequence, event_id LIMIT ? OFFSET ?""",
                (rs, i) -> new TimelineEntry(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("type"),
                        rs.getString("summary"), rs.getString("actor"), readData(rs.getString("data"))),
                personId, size, (long) page * size);
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void append(String eventId, UUID personId, String aggregateId, long seq, Instant at, Object event,
                        String summary, String actor, ObjectNode data) {
        jdbc.update("""
                INSERT INTO timeline_entry (event_id, person_id, at, aggregate_id, sequence, type, summary, actor, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (event_id) DO NOTHING""",
                eventId, personId, at.atOffset(ZoneOffset.UTC), aggregateId, seq, event.getClass().getSimpleName(),
                summary, actor, writeData(data));
    }

    private static String person(UUID personId) {
        return personId.toString();
    }

    /** The Quarter aggregate's id, written the way the domain writes it (the projections never see the aggregate). */
    private static String quarter(UUID personId, String quarter) {
        return personId + "/" + quarter;
    }

    private Discipline discipline(UUID personId) {
        return jdbc.query("SELECT discipline FROM timeline_person WHERE person_id = ?",
                        (rs, i) -> Discipline.valueOf(rs.getString(1)), personId)
                .stream().findFirst().orElse(null);
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

    /** The goal's latest title from the timeline itself (GoalSet, then GoalRevised). */
    private String goalTitle(UUID personId, UUID goalId) {
        return latestTitle(personId, "goalId", goalId).orElse("a goal");
    }

    private String evidenceTitle(UUID personId, UUID evidenceId) {
        return latestTitle(personId, "evidenceId", evidenceId).orElse("an entry of the Win Log");
    }

    private java.util.Optional<String> latestTitle(UUID personId, String idField, UUID id) {
        return jdbc.queryForList("""
                        SELECT data->>'title' FROM timeline_entry
                        WHERE person_id = ? AND data->>? = ? AND data->>'title' IS NOT NULL
                        ORDER BY at DESC, aggregate_id DESC, sequence DESC LIMIT 1""",
                String.class, personId, idField, id.toString()).stream().findFirst();
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
