package com.careerledger.projections.quarter;

import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.projections.quarter.QuarterViews.AssessmentView;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.quarter.QuarterViews.FeedbackView;
import com.careerledger.projections.quarter.QuarterViews.GoalView;
import com.careerledger.projections.quarter.QuarterViews.ProgressView;
import com.careerledger.projections.quarter.QuarterViews.QuarterSummary;
import com.careerledger.projections.quarter.QuarterViews.QuarterView;
import com.careerledger.projections.support.BulkSql;
import com.careerledger.projections.support.BulkSql.Type;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ProjectionBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Read model of quarters: goals with their latest progress, the Win Log evidence (retracted evidence stays,
 * marked), feedback and the current assessment. Each event is applied once: the quarter row remembers the
 * Quarter aggregate's sequence number, and an event at or below it is a redelivery.
 * <p>
 * Writes are made per batch of the event processor, not per event ({@link ProjectionBatch}): a handler only
 * notes its event; at the end of the batch the rows the batch touches are read with one query per table (every
 * key at once), the events are applied to them in memory in their order — exactly as one statement per event
 * would have applied them, version guard included — and each changed row is written once, one statement per
 * table. The reads take one round trip and the writes another ({@link BulkSql}). Nothing is kept between batches.
 */
@Component
@ProcessingGroup(QuarterProjection.PROCESSING_GROUP)
public class QuarterProjection {

    public static final String PROCESSING_GROUP = "quarters";

    private final JdbcTemplate jdbc;

    public QuarterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(QuarterOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        batch(b -> b.add(e.personId(), e.quarter(), null, null, rows -> {
            // inserted once: a quarter row that exists already is left as it is
            rows.quarters.computeIfAbsent(new Key(e.personId(), e.quarter()), k -> {
                QuarterRow row = new QuarterRow(e.personId(), e.quarter(), e.track().name(), e.levelHeld(),
                        e.targetLevel(), seq, utc(at));
                row.changed = true;
                return row;
            });
        }));
    }

    @EventHandler
    void on(GoalSet e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, e.goalId(), null, rows -> {
            if (!rows.goals.containsKey(e.goalId())) {
                GoalRow goal = new GoalRow(e.goalId(), e.personId(), e.quarter(), e.title(), e.description(),
                        e.dimension().name(), e.measure(), e.targetLevel(), utc(at));
                goal.changed = true;
                rows.goals.put(e.goalId(), goal);
            }
        });
    }

    @EventHandler
    void on(GoalRevised e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, e.goalId(), null, rows -> rows.goal(e.goalId(), goal -> {
            goal.title = e.title();
            goal.description = e.description();
            goal.dimension = e.dimension().name();
            goal.measure = e.measure();
        }));
    }

    @EventHandler
    void on(GoalDropped e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, e.goalId(), null, rows -> rows.goal(e.goalId(), goal -> {
            goal.active = false;
            goal.dropReason = e.reason();
        }));
    }

    @EventHandler
    void on(GoalProgressed e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, e.goalId(), null, rows -> rows.goal(e.goalId(), goal -> {
            goal.progressStatus = e.status().name();
            goal.progressNote = e.note();
            goal.progressAt = utc(at);
        }));
    }

    @EventHandler
    void on(EvidenceLogged e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, null, e.evidenceId(), rows -> {
            if (!rows.evidence.containsKey(e.evidenceId())) {
                EvidenceRow evidence = new EvidenceRow(e.evidenceId(), e.personId(), e.quarter(), e.title(),
                        e.description(), e.impact(), e.dimension().name(), e.demonstratesLevel(), e.goalId(),
                        e.links(), e.occurredOn(), utc(at));
                evidence.changed = true;
                rows.evidence.put(e.evidenceId(), evidence);
            }
        });
    }

    @EventHandler
    void on(EvidenceRetracted e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, null, e.evidenceId(), rows -> rows.evidence(e.evidenceId(), evidence -> {
            evidence.retracted = true;
            evidence.retractionReason = e.reason();
        }));
    }

    @EventHandler
    void on(FeedbackRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        // feedback is only ever inserted: written with ON CONFLICT DO NOTHING, nothing to read first
        claimed(e.personId(), e.quarter(), seq, at, null, null, rows -> rows.feedback.putIfAbsent(e.feedbackId(),
                new Object[]{e.feedbackId(), e.personId(), e.quarter(), e.relationship().name(), e.text(),
                        e.signalsLevel(), e.givenBy(), utc(at)}));
    }

    @EventHandler
    void on(QuarterAssessed e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, null, null, rows -> {
            QuarterRow row = rows.quarters.get(new Key(e.personId(), e.quarter()));
            row.status = "ASSESSED";
            row.assessmentId = e.assessmentId();
            row.operatingLevel = e.operatingLevel();
            row.atNextLevel = e.atNextLevel();
            row.rationale = e.rationale();
            row.assessedBy = e.assessedBy();
            row.assessedAt = utc(at);
            row.amendsAssessmentId = e.amendsAssessmentId();
        });
    }

    @EventHandler
    void on(QuarterReopened e, @SequenceNumber long seq, @Timestamp Instant at) {
        // the previous assessment stays in the history (events, timeline); the quarter view shows the open quarter
        claimed(e.personId(), e.quarter(), seq, at, null, null,
                rows -> rows.quarters.get(new Key(e.personId(), e.quarter())).status = "OPEN");
    }

    @EventHandler
    void on(QuarterMovedToTrack e, @SequenceNumber long seq, @Timestamp Instant at) {
        // an open quarter moved with the person to their new track: held, aimed and assessed on the new ladder
        claimed(e.personId(), e.quarter(), seq, at, null, null, rows -> {
            QuarterRow row = rows.quarters.get(new Key(e.personId(), e.quarter()));
            row.track = e.toTrack().name();
            row.levelHeld = e.levelHeld();
            row.targetLevel = e.targetLevel();
        });
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE quarter_view, quarter_goal, quarter_evidence, quarter_feedback");
        }
    }

    // --- the batch ------------------------------------------------------------------------------------

    private void batch(Consumer<Batch> work) {
        ProjectionBatch.with(this, Batch::new, work);
    }

    /**
     * Applies a Quarter event once: it moves the quarter row to {@code seq} and makes {@code change}, unless the
     * row is at {@code seq} or later already (a redelivery) or does not exist; then it changes nothing.
     */
    private void claimed(UUID personId, String quarter, long seq, Instant at, UUID goalId, UUID evidenceId,
                         Consumer<Rows> change) {
        batch(b -> b.add(personId, quarter, goalId, evidenceId, rows -> {
            QuarterRow row = rows.quarters.get(new Key(personId, quarter));
            if (row != null && row.version < seq) {
                row.version = seq;
                row.updatedAt = utc(at);
                row.changed = true;
                change.accept(rows);
            }
        }));
    }

    private record Key(UUID personId, String quarter) {
    }

    /** The events of one batch, in order, and the keys of the rows they may touch. */
    private final class Batch implements ProjectionBatch.Buffer {
        private final List<Consumer<Rows>> changes = new ArrayList<>();
        private final Set<Key> quarters = new LinkedHashSet<>();
        private final Set<UUID> goals = new LinkedHashSet<>();
        private final Set<UUID> evidence = new LinkedHashSet<>();

        void add(UUID personId, String quarter, UUID goalId, UUID evidenceId, Consumer<Rows> change) {
            quarters.add(new Key(personId, quarter));
            if (goalId != null) {
                goals.add(goalId);
            }
            if (evidenceId != null) {
                evidence.add(evidenceId);
            }
            changes.add(change);
        }

        @Override
        public void flush() {
            if (changes.isEmpty()) {
                return;
            }
            Rows rows = load(quarters, goals, evidence);
            changes.forEach(change -> change.accept(rows));
            changes.clear();
            write(rows);
        }
    }

    /** The rows a batch touches, as the batch has made them so far. */
    private static final class Rows {
        final Map<Key, QuarterRow> quarters = new HashMap<>();
        final Map<UUID, GoalRow> goals = new HashMap<>();
        final Map<UUID, EvidenceRow> evidence = new HashMap<>();
        final Map<UUID, Object[]> feedback = new LinkedHashMap<>();

        void goal(UUID goalId, Consumer<GoalRow> change) {
            GoalRow goal = goals.get(goalId);
            if (goal != null) {
                change.accept(goal);
                goal.changed = true;
            }
        }

        void evidence(UUID evidenceId, Consumer<EvidenceRow> change) {
            EvidenceRow row = evidence.get(evidenceId);
            if (row != null) {
                change.accept(row);
                row.changed = true;
            }
        }
    }

    private static final class QuarterRow {
        final UUID personId;
        final String quarter;
        /** Track, level held and target as opened, or as moved to the person's new track (QuarterMovedToTrack). */
        String track;
        String levelHeld;
        String targetLevel;
        final OffsetDateTime openedAt;
        String status = "OPEN";
        UUID assessmentId;
        String operatingLevel;
        Boolean atNextLevel;
        String rationale;
        String assessedBy;
        OffsetDateTime assessedAt;
        UUID amendsAssessmentId;
        long version;
        OffsetDateTime updatedAt;
        boolean changed;

        QuarterRow(UUID personId, String quarter, String track, String levelHeld, String targetLevel, long version,
                   OffsetDateTime openedAt) {
            this.personId = personId;
            this.quarter = quarter;
            this.track = track;
            this.levelHeld = levelHeld;
            this.targetLevel = targetLevel;
            this.version = version;
            this.openedAt = openedAt;
            this.updatedAt = openedAt;
        }
    }

    private static final class GoalRow {
        final UUID goalId;
        final UUID personId;
        final String quarter;
        final String targetLevel;
        final OffsetDateTime setAt;
        String title;
        String description;
        String dimension;
        String measure;
        boolean active = true;
        String dropReason;
        String progressStatus;
        String progressNote;
        OffsetDateTime progressAt;
        boolean changed;

        GoalRow(UUID goalId, UUID personId, String quarter, String title, String description, String dimension,
                String measure, String targetLevel, OffsetDateTime setAt) {
            this.goalId = goalId;
            this.personId = personId;
            this.quarter = quarter;
            this.title = title;
            this.description = description;
            this.dimension = dimension;
            this.measure = measure;
            this.targetLevel = targetLevel;
            this.setAt = setAt;
        }
    }

    private static final class EvidenceRow {
        final UUID evidenceId;
        final UUID personId;
        final String quarter;
        final String title;
        final String description;
        final String impact;
        final String dimension;
        final String demonstratesLevel;
        final UUID goalId;
        final List<String> links;
        final LocalDate occurredOn;
        final OffsetDateTime loggedAt;
        boolean retracted;
        String retractionReason;
        boolean changed;

        EvidenceRow(UUID evidenceId, UUID personId, String quarter, String title, String description, String impact,
                    String dimension, String demonstratesLevel, UUID goalId, List<String> links, LocalDate occurredOn,
                    OffsetDateTime loggedAt) {
            this.evidenceId = evidenceId;
            this.personId = personId;
            this.quarter = quarter;
            this.title = title;
            this.description = description;
            this.impact = impact;
            this.dimension = dimension;
            this.demonstratesLevel = demonstratesLevel;
            this.goalId = goalId;
            this.links = links;
            this.occurredOn = occurredOn;
            this.loggedAt = loggedAt;
        }
    }

    /** Reads the rows of these keys: one query per table, every key at once, all in one round trip. */
    private Rows load(Set<Key> quarters, Set<UUID> goals, Set<UUID> evidence) {
        Rows rows = new Rows();
        BulkSql.read(jdbc,
                new BulkSql.Query("""
                        SELECT v.* FROM unnest(?::uuid[], ?::text[]) AS k(person_id, quarter)
                        JOIN quarter_view v ON v.person_id = k.person_id AND v.quarter = k.quarter""",
                        rs -> {
                            QuarterRow row = new QuarterRow(rs.getObject("person_id", UUID.class), rs.getString("quarter"),
                                    rs.getString("track"), rs.getString("level_held"), rs.getString("target_level"),
                                    rs.getLong("version"), rs.getObject("opened_at", OffsetDateTime.class));
                            row.status = rs.getString("status");
                            row.assessmentId = rs.getObject("assessment_id", UUID.class);
                            row.operatingLevel = rs.getString("operating_level");
                            row.atNextLevel = rs.getObject("at_next_level", Boolean.class);
                            row.rationale = rs.getString("rationale");
                            row.assessedBy = rs.getString("assessed_by");
                            row.assessedAt = rs.getObject("assessed_at", OffsetDateTime.class);
                            row.amendsAssessmentId = rs.getObject("amends_assessment_id", UUID.class);
                            row.updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
                            rows.quarters.put(new Key(row.personId, row.quarter), row);
                        },
                        new BulkSql.Array(Type.UUID, quarters.stream().map(Key::personId).toList()),
                        new BulkSql.Array(Type.TEXT, quarters.stream().map(Key::quarter).toList())),
                new BulkSql.Query("SELECT * FROM quarter_goal WHERE goal_id = ANY (?::uuid[])",
                        rs -> {
                            GoalRow goal = new GoalRow(rs.getObject("goal_id", UUID.class),
                                    rs.getObject("person_id", UUID.class), rs.getString("quarter"), rs.getString("title"),
                                    rs.getString("description"), rs.getString("dimension"), rs.getString("measure"),
                                    rs.getString("target_level"), rs.getObject("set_at", OffsetDateTime.class));
                            goal.active = rs.getBoolean("active");
                            goal.dropReason = rs.getString("drop_reason");
                            goal.progressStatus = rs.getString("progress_status");
                            goal.progressNote = rs.getString("progress_note");
                            goal.progressAt = rs.getObject("progress_at", OffsetDateTime.class);
                            rows.goals.put(goal.goalId, goal);
                        },
                        new BulkSql.Array(Type.UUID, goals)),
                new BulkSql.Query("SELECT * FROM quarter_evidence WHERE evidence_id = ANY (?::uuid[])",
                        rs -> {
                            EvidenceRow row = new EvidenceRow(rs.getObject("evidence_id", UUID.class),
                                    rs.getObject("person_id", UUID.class), rs.getString("quarter"), rs.getString("title"),
                                    rs.getString("description"), rs.getString("impact"), rs.getString("dimension"),
                                    rs.getString("demonstrates_level"), rs.getObject("goal_id", UUID.class),
                                    links(rs), rs.getObject("occurred_on", LocalDate.class),
                                    rs.getObject("logged_at", OffsetDateTime.class));
                            row.retracted = rs.getBoolean("retracted");
                            row.retractionReason = rs.getString("retraction_reason");
                            rows.evidence.put(row.evidenceId, row);
                        },
                        new BulkSql.Array(Type.UUID, evidence)));
        return rows;
    }

    private static final BulkSql.Type[] QUARTER_COLUMNS = {Type.UUID, Type.TEXT, Type.TEXT, Type.TEXT, Type.TEXT,
            Type.TEXT, Type.UUID, Type.TEXT, Type.BOOL, Type.TEXT, Type.TEXT, Type.TIMESTAMPTZ, Type.UUID, Type.INT8,
            Type.TIMESTAMPTZ, Type.TIMESTAMPTZ};
    private static final BulkSql.Type[] GOAL_COLUMNS = {Type.UUID, Type.UUID, Type.TEXT, Type.TEXT, Type.TEXT,
            Type.TEXT, Type.TEXT, Type.TEXT, Type.BOOL, Type.TEXT, Type.TEXT, Type.TEXT, Type.TIMESTAMPTZ,
            Type.TIMESTAMPTZ};
    private static final BulkSql.Type[] EVIDENCE_COLUMNS = {Type.UUID, Type.UUID, Type.TEXT, Type.TEXT, Type.TEXT,
            Type.TEXT, Type.TEXT, Type.TEXT, Type.UUID, Type.TEXT, Type.JSONB, Type.DATE, Type.BOOL, Type.TEXT,
            Type.TIMESTAMPTZ};
    private static final BulkSql.Type[] FEEDBACK_COLUMNS = {Type.UUID, Type.UUID, Type.TEXT, Type.TEXT, Type.TEXT,
            Type.TEXT, Type.TEXT, Type.TIMESTAMPTZ};

    /** Writes each changed row once: an upsert per table over all its rows, every table in one round trip. */
    private void write(Rows rows) {
        BulkSql.Rows quarterRows = new BulkSql.Rows("""
                INSERT INTO quarter_view (person_id, quarter, status, track, level_held, target_level, assessment_id,
                                          operating_level, at_next_level, rationale, assessed_by, assessed_at,
                                          amends_assessment_id, version, opened_at, updated_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                                     ?::text[], ?::bool[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[],
                                     ?::int8[], ?::timestamptz[], ?::timestamptz[])
                ON CONFLICT (person_id, quarter) DO UPDATE SET status = EXCLUDED.status, track = EXCLUDED.track,
                    level_held = EXCLUDED.level_held, target_level = EXCLUDED.target_level,
                    assessment_id = EXCLUDED.assessment_id, operating_level = EXCLUDED.operating_level,
                    at_next_level = EXCLUDED.at_next_level, rationale = EXCLUDED.rationale,
                    assessed_by = EXCLUDED.assessed_by, assessed_at = EXCLUDED.assessed_at,
                    amends_assessment_id = EXCLUDED.amends_assessment_id, version = EXCLUDED.version,
                    updated_at = EXCLUDED.updated_at""", QUARTER_COLUMNS);
        for (QuarterRow r : rows.quarters.values()) {
            if (r.changed) {
                quarterRows.add(r.personId, r.quarter, r.status, r.track, r.levelHeld, r.targetLevel, r.assessmentId,
                        r.operatingLevel, r.atNextLevel, r.rationale, r.assessedBy, r.assessedAt,
                        r.amendsAssessmentId, r.version, r.openedAt, r.updatedAt);
            }
        }
        BulkSql.Rows goalRows = new BulkSql.Rows("""
                INSERT INTO quarter_goal (goal_id, person_id, quarter, title, description, dimension, measure,
                                          target_level, active, drop_reason, progress_status, progress_note,
                                          progress_at, set_at)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::bool[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                     ?::timestamptz[])
                ON CONFLICT (goal_id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
                    dimension = EXCLUDED.dimension, measure = EXCLUDED.measure, active = EXCLUDED.active,
                    drop_reason = EXCLUDED.drop_reason, progress_status = EXCLUDED.progress_status,
                    progress_note = EXCLUDED.progress_note, progress_at = EXCLUDED.progress_at""", GOAL_COLUMNS);
        for (GoalRow g : rows.goals.values()) {
            if (g.changed) {
                goalRows.add(g.goalId, g.personId, g.quarter, g.title, g.description, g.dimension, g.measure,
                        g.targetLevel, g.active, g.dropReason, g.progressStatus, g.progressNote, g.progressAt, g.setAt);
            }
        }
        BulkSql.Rows evidenceRows = new BulkSql.Rows("""
                INSERT INTO quarter_evidence (evidence_id, person_id, quarter, title, description, impact, dimension,
                                              demonstrates_level, goal_id, link, links, occurred_on, retracted,
                                              retraction_reason, logged_at)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::uuid[], ?::text[], ?::jsonb[], ?::date[], ?::bool[], ?::text[],
                                     ?::timestamptz[])
                ON CONFLICT (evidence_id) DO UPDATE SET retracted = EXCLUDED.retracted,
                    retraction_reason = EXCLUDED.retraction_reason""", EVIDENCE_COLUMNS);
        for (EvidenceRow e : rows.evidence.values()) {
            if (e.changed) {
                evidenceRows.add(e.evidenceId, e.personId, e.quarter, e.title, e.description, e.impact, e.dimension,
                        e.demonstratesLevel, e.goalId, e.links.isEmpty() ? null : e.links.get(0), json(e.links),
                        e.occurredOn, e.retracted, e.retractionReason, e.loggedAt);
            }
        }
        BulkSql.Rows feedbackRows = new BulkSql.Rows("""
                INSERT INTO quarter_feedback (feedback_id, person_id, quarter, relationship, text, signals_level,
                                              given_by, given_at)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::timestamptz[])
                ON CONFLICT (feedback_id) DO NOTHING""", FEEDBACK_COLUMNS);
        rows.feedback.values().forEach(feedbackRows::add);
        BulkSql.write(jdbc, quarterRows, goalRows, evidenceRows, feedbackRows);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LINKS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static List<String> links(ResultSet rs) throws SQLException {
        String stored = rs.getString("links");
        if (stored == null) {
            String link = rs.getString("link");
            return link == null ? List.of() : List.of(link);
        }
        try {
            return List.of(LINKS_JSON.readValue(stored, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(List<String> links) {
        try {
            return LINKS_JSON.writeValueAsString(links);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
