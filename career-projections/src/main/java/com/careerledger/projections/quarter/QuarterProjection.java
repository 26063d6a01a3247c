package com.careerledger.projections.quarter;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.quarter.QuarterStatus;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.support.ColumnType;
import com.careerledger.projections.support.Projection;
import com.careerledger.projections.support.ReadModel;
import com.careerledger.projections.support.Table;
import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Read model of quarters: goals with their latest progress, the Win Log evidence (retracted evidence stays,
 * marked), feedback and the current assessment; its views are read by {@link QuarterQueries}. Each event is applied
 * once: the quarter row remembers the Quarter aggregate's sequence number, and an event at or below it is a
 * redelivery.
 * <p>
 * Written the one way read models write ({@link ReadModel}): at the end of the processor's batch the rows its events
 * need are read in one round trip, the events change them in memory in order, and the changed rows are written in
 * another, quarter rows first.
 */
@Component
@ProcessingGroup(QuarterProjection.PROCESSING_GROUP)
public class QuarterProjection implements Projection {

    public static final String PROCESSING_GROUP = "quarters";

    private final ReadModel model;

    public QuarterProjection(JdbcTemplate jdbc) {
        this.model = new ReadModel(this, jdbc, QUARTERS, GOALS, EVIDENCE, FEEDBACK);
    }

    @Override
    public ReadModel readModel() {
        return model;
    }

    @EventHandler
    void on(QuarterOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        // inserted once: a quarter row that exists already is left as it is
        model.handle(work -> work.need(QUARTERS.key(e.personId(), e.quarter().toString())).then(rows -> {
            QuarterRow row = new QuarterRow();
            row.personId = e.personId();
            row.quarter = e.quarter().toString();
            row.status = QuarterStatus.OPEN;
            row.track = e.track();
            row.levelHeld = LevelCode.codeOf(e.levelHeld());
            row.targetLevel = LevelCode.codeOf(e.targetLevel());
            row.version = seq;
            row.openedAt = utc(at);
            row.updatedAt = row.openedAt;
            rows.insertIfAbsent(QUARTERS, row);
        }));
    }

    @EventHandler
    void on(GoalSet e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, (quarter, rows) -> {
            GoalRow goal = new GoalRow();
            goal.goalId = e.goalId();
            goal.personId = e.personId();
            goal.quarter = e.quarter().toString();
            goal.title = e.title();
            goal.description = e.description();
            goal.dimension = e.dimension();
            goal.measure = e.measure();
            goal.targetLevel = LevelCode.codeOf(e.targetLevel());
            goal.active = true;
            goal.setAt = utc(at);
            rows.insertIfAbsent(GOALS, goal);
        }, GOALS.key(e.goalId()));
    }

    @EventHandler
    void on(GoalRevised e, @SequenceNumber long seq, @Timestamp Instant at) {
        goal(e.personId(), e.quarter(), e.goalId(), seq, at, goal -> {
            goal.title = e.title();
            goal.description = e.description();
            goal.dimension = e.dimension();
            goal.measure = e.measure();
        });
    }

    @EventHandler
    void on(GoalDropped e, @SequenceNumber long seq, @Timestamp Instant at) {
        goal(e.personId(), e.quarter(), e.goalId(), seq, at, goal -> {
            goal.active = false;
            goal.dropReason = e.reason();
        });
    }

    @EventHandler
    void on(GoalProgressed e, @SequenceNumber long seq, @Timestamp Instant at) {
        goal(e.personId(), e.quarter(), e.goalId(), seq, at, goal -> {
            goal.progressStatus = e.status();
            goal.progressNote = e.note();
            goal.progressAt = utc(at);
        });
    }

    @EventHandler
    void on(EvidenceLogged e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, (quarter, rows) -> {
            EvidenceRow evidence = new EvidenceRow();
            evidence.evidenceId = e.evidenceId();
            evidence.personId = e.personId();
            evidence.quarter = e.quarter().toString();
            evidence.title = e.title();
            evidence.description = e.description();
            evidence.impact = e.impact();
            evidence.dimension = e.dimension();
            evidence.demonstratesLevel = e.demonstratesLevel().code();
            evidence.goalId = e.goalId();
            evidence.link = e.links().isEmpty() ? null : e.links().get(0);
            evidence.links = e.links();
            evidence.occurredOn = e.occurredOn();
            evidence.loggedAt = utc(at);
            rows.insertIfAbsent(EVIDENCE, evidence);
        }, EVIDENCE.key(e.evidenceId()));
    }

    @EventHandler
    void on(EvidenceRetracted e, @SequenceNumber long seq, @Timestamp Instant at) {
        Table.Key<EvidenceRow> key = EVIDENCE.key(e.evidenceId());
        claimed(e.personId(), e.quarter(), seq, at, (quarter, rows) -> rows.update(key, evidence -> {
            evidence.retracted = true;
            evidence.retractionReason = e.reason();
        }), key);
    }

    @EventHandler
    void on(FeedbackRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        // feedback is only ever inserted (a row stored already stays): nothing of it to read first
        claimed(e.personId(), e.quarter(), seq, at, (quarter, rows) -> {
            FeedbackRow feedback = new FeedbackRow();
            feedback.feedbackId = e.feedbackId();
            feedback.personId = e.personId();
            feedback.quarter = e.quarter().toString();
            feedback.relationship = e.relationship();
            feedback.text = e.text();
            feedback.signalsLevel = LevelCode.codeOf(e.signalsLevel());
            feedback.givenBy = e.givenBy();
            feedback.givenAt = utc(at);
            rows.insertIfAbsent(FEEDBACK, feedback);
        });
    }

    @EventHandler
    void on(QuarterAssessed e, @SequenceNumber long seq, @Timestamp Instant at) {
        claimed(e.personId(), e.quarter(), seq, at, (row, rows) -> {
            row.status = QuarterStatus.ASSESSED;
            row.assessmentId = e.assessmentId();
            row.operatingLevel = LevelCode.codeOf(e.operatingLevel());
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
        claimed(e.personId(), e.quarter(), seq, at, (row, rows) -> row.status = QuarterStatus.OPEN);
    }

    @EventHandler
    void on(QuarterMovedToTrack e, @SequenceNumber long seq, @Timestamp Instant at) {
        // an open quarter moved with the person to their new track: held, aimed and assessed on the new ladder
        claimed(e.personId(), e.quarter(), seq, at, (row, rows) -> {
            row.track = e.toTrack();
            row.levelHeld = LevelCode.codeOf(e.levelHeld());
            row.targetLevel = LevelCode.codeOf(e.targetLevel());
        });
    }


    /**
     * Applies a Quarter event once: it moves the quarter row to {@code seq} and makes {@code change}, unless the
     * row is at {@code seq} or later already (a redelivery) or does not exist; then it changes nothing.
     *
     * @param alsoNeeded the rows of other tables {@code change} reads
     */
    private void claimed(UUID personId, YearQuarter quarter, long seq, Instant at,
                         BiConsumer<QuarterRow, ReadModel.Rows> change, Table.Key<?>... alsoNeeded) {
        Table.Key<QuarterRow> key = QUARTERS.key(personId, quarter.toString());
        model.handle(work -> {
            work.need(key);
            for (Table.Key<?> needed : alsoNeeded) {
                work.need(needed);
            }
            work.then(rows -> rows.applyOnce(key, seq, row -> {
                row.updatedAt = utc(at);
                change.accept(row, rows);
            }));
        });
    }

    /** Applies a Quarter event to one of its goals, once (see {@link #claimed}). */
    private void goal(UUID personId, YearQuarter quarter, UUID goalId, long seq, Instant at, Consumer<GoalRow> change) {
        Table.Key<GoalRow> key = GOALS.key(goalId);
        claimed(personId, quarter, seq, at, (row, rows) -> rows.update(key, change), key);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    // --- the tables, their columns declared once --------------------------------------------------------

    private static final class QuarterRow {
        UUID personId;
        String quarter;
        QuarterStatus status;
        /** Track, level held and target as opened, or as moved to the person's new track (QuarterMovedToTrack). */
        Track track;
        String levelHeld;
        String targetLevel;
        UUID assessmentId;
        String operatingLevel;
        Boolean atNextLevel;
        String rationale;
        String assessedBy;
        OffsetDateTime assessedAt;
        UUID amendsAssessmentId;
        long version;
        OffsetDateTime openedAt;
        OffsetDateTime updatedAt;
    }

    private static final Table<QuarterRow> QUARTERS = Table.named("quarter_view", QuarterRow::new)
            .key("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .key("quarter", ColumnType.TEXT, r -> r.quarter, (r, v) -> r.quarter = v)
            .column("status", ColumnType.text(QuarterStatus.class), r -> r.status, (r, v) -> r.status = v)
            .column("track", ColumnType.text(Track.class), r -> r.track, (r, v) -> r.track = v)
            .column("level_held", ColumnType.TEXT, r -> r.levelHeld, (r, v) -> r.levelHeld = v)
            .column("target_level", ColumnType.TEXT, r -> r.targetLevel, (r, v) -> r.targetLevel = v)
            .column("assessment_id", ColumnType.UUID, r -> r.assessmentId, (r, v) -> r.assessmentId = v)
            .column("operating_level", ColumnType.TEXT, r -> r.operatingLevel, (r, v) -> r.operatingLevel = v)
            .column("at_next_level", ColumnType.BOOL, r -> r.atNextLevel, (r, v) -> r.atNextLevel = v)
            .column("rationale", ColumnType.TEXT, r -> r.rationale, (r, v) -> r.rationale = v)
            .column("assessed_by", ColumnType.TEXT, r -> r.assessedBy, (r, v) -> r.assessedBy = v)
            .column("assessed_at", ColumnType.TIMESTAMPTZ, r -> r.assessedAt, (r, v) -> r.assessedAt = v)
            .column("amends_assessment_id", ColumnType.UUID, r -> r.amendsAssessmentId,
                    (r, v) -> r.amendsAssessmentId = v)
            .version("version", r -> r.version, (r, v) -> r.version = v)
            .fixed("opened_at", ColumnType.TIMESTAMPTZ, r -> r.openedAt, (r, v) -> r.openedAt = v)
            .column("updated_at", ColumnType.TIMESTAMPTZ, r -> r.updatedAt, (r, v) -> r.updatedAt = v)
            .build();

    private static final class GoalRow {
        UUID goalId;
        UUID personId;
        String quarter;
        String title;
        String description;
        Dimension dimension;
        String measure;
        String targetLevel;
        boolean active;
        String dropReason;
        GoalStatus progressStatus;
        String progressNote;
        OffsetDateTime progressAt;
        OffsetDateTime setAt;
    }

    private static final Table<GoalRow> GOALS = Table.named("quarter_goal", GoalRow::new)
            .key("goal_id", ColumnType.UUID, r -> r.goalId, (r, v) -> r.goalId = v)
            .fixed("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .fixed("quarter", ColumnType.TEXT, r -> r.quarter, (r, v) -> r.quarter = v)
            .column("title", ColumnType.TEXT, r -> r.title, (r, v) -> r.title = v)
            .column("description", ColumnType.TEXT, r -> r.description, (r, v) -> r.description = v)
            .column("dimension", ColumnType.text(Dimension.class), r -> r.dimension, (r, v) -> r.dimension = v)
            .column("measure", ColumnType.TEXT, r -> r.measure, (r, v) -> r.measure = v)
            .fixed("target_level", ColumnType.TEXT, r -> r.targetLevel, (r, v) -> r.targetLevel = v)
            .column("active", ColumnType.BOOL, r -> r.active, (r, v) -> r.active = v)
            .column("drop_reason", ColumnType.TEXT, r -> r.dropReason, (r, v) -> r.dropReason = v)
            .column("progress_status", ColumnType.text(GoalStatus.class), r -> r.progressStatus,
                    (r, v) -> r.progressStatus = v)
            .column("progress_note", ColumnType.TEXT, r -> r.progressNote, (r, v) -> r.progressNote = v)
            .column("progress_at", ColumnType.TIMESTAMPTZ, r -> r.progressAt, (r, v) -> r.progressAt = v)
            .fixed("set_at", ColumnType.TIMESTAMPTZ, r -> r.setAt, (r, v) -> r.setAt = v)
            .build();

    private static final class EvidenceRow {
        UUID evidenceId;
        UUID personId;
        String quarter;
        String title;
        String description;
        String impact;
        Dimension dimension;
        String demonstratesLevel;
        UUID goalId;
        /** The first of the links (the one link of the first contract version), kept for the first contract. */
        String link;
        /** Every link (null in a row stored before links, V26: then its one {@code link}, see QuarterQueries). */
        List<String> links;
        LocalDate occurredOn;
        boolean retracted;
        String retractionReason;
        OffsetDateTime loggedAt;
    }

    private static final Table<EvidenceRow> EVIDENCE = Table.named("quarter_evidence", EvidenceRow::new)
            .key("evidence_id", ColumnType.UUID, r -> r.evidenceId, (r, v) -> r.evidenceId = v)
            .fixed("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .fixed("quarter", ColumnType.TEXT, r -> r.quarter, (r, v) -> r.quarter = v)
            .fixed("title", ColumnType.TEXT, r -> r.title, (r, v) -> r.title = v)
            .fixed("description", ColumnType.TEXT, r -> r.description, (r, v) -> r.description = v)
            .fixed("impact", ColumnType.TEXT, r -> r.impact, (r, v) -> r.impact = v)
            .fixed("dimension", ColumnType.text(Dimension.class), r -> r.dimension, (r, v) -> r.dimension = v)
            .fixed("demonstrates_level", ColumnType.TEXT, r -> r.demonstratesLevel, (r, v) -> r.demonstratesLevel = v)
            .fixed("goal_id", ColumnType.UUID, r -> r.goalId, (r, v) -> r.goalId = v)
            .fixed("link", ColumnType.TEXT, r -> r.link, (r, v) -> r.link = v)
            .fixed("links", ColumnType.json(new TypeReference<List<String>>() { }), r -> r.links,
                    (r, v) -> r.links = v)
            .fixed("occurred_on", ColumnType.DATE, r -> r.occurredOn, (r, v) -> r.occurredOn = v)
            .column("retracted", ColumnType.BOOL, r -> r.retracted, (r, v) -> r.retracted = v)
            .column("retraction_reason", ColumnType.TEXT, r -> r.retractionReason, (r, v) -> r.retractionReason = v)
            .fixed("logged_at", ColumnType.TIMESTAMPTZ, r -> r.loggedAt, (r, v) -> r.loggedAt = v)
            .build();

    private static final class FeedbackRow {
        UUID feedbackId;
        UUID personId;
        String quarter;
        FeedbackRelationship relationship;
        String text;
        String signalsLevel;
        String givenBy;
        OffsetDateTime givenAt;
    }

    private static final Table<FeedbackRow> FEEDBACK = Table.named("quarter_feedback", FeedbackRow::new)
            .key("feedback_id", ColumnType.UUID, r -> r.feedbackId, (r, v) -> r.feedbackId = v)
            .fixed("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
            .fixed("quarter", ColumnType.TEXT, r -> r.quarter, (r, v) -> r.quarter = v)
            .fixed("relationship", ColumnType.text(FeedbackRelationship.class), r -> r.relationship,
                    (r, v) -> r.relationship = v)
            .fixed("text", ColumnType.TEXT, r -> r.text, (r, v) -> r.text = v)
            .fixed("signals_level", ColumnType.TEXT, r -> r.signalsLevel, (r, v) -> r.signalsLevel = v)
            .fixed("given_by", ColumnType.TEXT, r -> r.givenBy, (r, v) -> r.givenBy = v)
            .fixed("given_at", ColumnType.TIMESTAMPTZ, r -> r.givenAt, (r, v) -> r.givenAt = v)
            .insertOnly()
            .build();
}
