package com.careerledger.projections.quarter;

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
import com.careerledger.projections.quarter.QuarterViews.AssessmentView;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.quarter.QuarterViews.FeedbackView;
import com.careerledger.projections.quarter.QuarterViews.GoalView;
import com.careerledger.projections.quarter.QuarterViews.ProgressView;
import com.careerledger.projections.quarter.QuarterViews.QuarterSummary;
import com.careerledger.projections.quarter.QuarterViews.QuarterView;
import com.careerledger.projections.support.Page;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read model of quarters: goals with their latest progress, the Win Log evidence (retracted evidence stays,
 * marked), feedback and the current assessment. Each event is applied once: the quarter row remembers the
 * Quarter aggregate's sequence number, and an event at or below it is a redelivery.
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
        jdbc.update("""
                INSERT INTO quarter_view (person_id, quarter, status, track, level_held, target_level, version, opened_at, updated_at)
                VALUES (?, ?, 'OPEN', ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, quarter) DO NOTHING""",
                e.personId(), e.quarter(), e.track().name(), e.levelHeld(), e.targetLevel(), seq, utc(at), utc(at));
    }

    @EventHandler
    void on(GoalSet e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("""
                    INSERT INTO quarter_goal (goal_id, person_id, quarter, title, description, dimension, measure,
                                              target_level, active, set_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?) ON CONFLICT (goal_id) DO NOTHING""",
                    e.goalId(), e.personId(), e.quarter(), e.title(), e.description(), e.dimension().name(),
                    e.measure(), e.targetLevel(), utc(at));
        }
    }

    @EventHandler
    void on(GoalRevised e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("UPDATE quarter_goal SET title = ?, description = ?, dimension = ?, measure = ? WHERE goal_id = ?",
                    e.title(), e.description(), e.dimension().name(), e.measure(), e.goalId());
        }
    }

    @EventHandler
    void on(GoalDropped e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("UPDATE quarter_goal SET active = FALSE, drop_reason = ? WHERE goal_id = ?", e.reason(), e.goalId());
        }
    }

    @EventHandler
    void on(GoalProgressed e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("UPDATE quarter_goal SET progress_status = ?, progress_note = ?, progress_at = ? WHERE goal_id = ?",
                    e.status().name(), e.note(), utc(at), e.goalId());
        }
    }

    @EventHandler
    void on(EvidenceLogged e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("""
                    INSERT INTO quarter_evidence (evidence_id, person_id, quarter, title, description, impact, dimension,
                                                  demonstrates_level, goal_id, link, occurred_on, logged_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO NOTHING""",
                    e.evidenceId(), e.personId(), e.quarter(), e.title(), e.description(), e.impact(),
                    e.dimension().name(), e.demonstratesLevel(), e.goalId(), e.link(), e.occurredOn(), utc(at));
        }
    }

    @EventHandler
    void on(EvidenceRetracted e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("UPDATE quarter_evidence SET retracted = TRUE, retraction_reason = ? WHERE evidence_id = ?",
                    e.reason(), e.evidenceId());
        }
    }

    @EventHandler
    void on(FeedbackRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("""
                    INSERT INTO quarter_feedback (feedback_id, person_id, quarter, relationship, text, signals_level, given_by, given_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feedback_id) DO NOTHING""",
                    e.feedbackId(), e.personId(), e.quarter(), e.relationship().name(), e.text(), e.signalsLevel(),
                    e.givenBy(), utc(at));
        }
    }

    @EventHandler
    void on(QuarterAssessed e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            jdbc.update("""
                    UPDATE quarter_view SET status = 'ASSESSED', assessment_id = ?, operating_level = ?, at_next_level = ?,
                           rationale = ?, assessed_by = ?, assessed_at = ?, amends_assessment_id = ?
                    WHERE person_id = ? AND quarter = ?""",
                    e.assessmentId(), e.operatingLevel(), e.atNextLevel(), e.rationale(), e.assessedBy(), utc(at),
                    e.amendsAssessmentId(), e.personId(), e.quarter());
        }
    }

    @EventHandler
    void on(QuarterReopened e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(e.personId(), e.quarter(), seq, at)) {
            // the previous assessment stays in the history (events, timeline); the quarter view shows the open quarter
            jdbc.update("UPDATE quarter_view SET status = 'OPEN' WHERE person_id = ? AND quarter = ?", e.personId(), e.quarter());
        }
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE quarter_view, quarter_goal, quarter_evidence, quarter_feedback");
        }
    }

    /** Moves the quarter row to {@code seq}; false if the event was applied before (a redelivery). */
    private boolean claim(UUID personId, String quarter, long seq, Instant at) {
        return jdbc.update("UPDATE quarter_view SET version = ?, updated_at = ? WHERE person_id = ? AND quarter = ? AND version < ?",
                seq, utc(at), personId, quarter, seq) > 0;
    }

    // --- queries ---------------------------------------------------------------------------------------

    public Optional<QuarterView> find(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_view WHERE person_id = ? AND quarter = ?", (rs, i) -> {
            AssessmentView assessment = rs.getObject("assessment_id") == null || !"ASSESSED".equals(rs.getString("status"))
                    ? null
                    : new AssessmentView(rs.getObject("assessment_id", UUID.class), rs.getString("operating_level"),
                    rs.getBoolean("at_next_level"), rs.getString("rationale"), rs.getString("assessed_by"),
                    instant(rs, "assessed_at"), rs.getObject("amends_assessment_id", UUID.class));
            return new QuarterView(personId, quarter, rs.getString("status"), rs.getString("track"),
                    rs.getString("level_held"), rs.getString("target_level"), goals(personId, quarter),
                    evidence(personId, quarter), feedback(personId, quarter), assessment, rs.getLong("version"),
                    instant(rs, "opened_at"));
        }, personId, quarter).stream().findFirst();
    }

    /** A person's quarters, newest first. */
    public Page<QuarterSummary> list(UUID personId, int page, int size) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM quarter_view WHERE person_id = ?", Long.class, personId);
        List<QuarterSummary> items = jdbc.query("""
                SELECT q.*, (SELECT count(*) FROM quarter_goal g WHERE g.person_id = q.person_id AND g.quarter = q.quarter AND g.active) AS goals,
                       (SELECT count(*) FROM quarter_evidence e WHERE e.person_id = q.person_id AND e.quarter = q.quarter AND NOT e.retracted) AS evidence
                FROM quarter_view q WHERE q.person_id = ? ORDER BY q.quarter DESC LIMIT ? OFFSET ?""",
                (rs, i) -> new QuarterSummary(personId, rs.getString("quarter"), rs.getString("status"),
                        rs.getString("level_held"), rs.getString("target_level"),
                        "ASSESSED".equals(rs.getString("status")) ? rs.getString("operating_level") : null,
                        rs.getInt("goals"), rs.getInt("evidence"), rs.getLong("version")),
                personId, size, (long) page * size);
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** The Win Log: evidence across a person's quarters, newest first, optionally by dimension or level shown. */
    public Page<EvidenceView> winLog(UUID personId, String dimension, String level, int page, int size) {
        String where = " WHERE person_id = ?" + (dimension == null ? "" : " AND dimension = ?") + (level == null ? "" : " AND demonstrates_level = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(personId));
        if (dimension != null) {
            args.add(dimension);
        }
        if (level != null) {
            args.add(level);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM quarter_evidence" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<EvidenceView> items = jdbc.query("SELECT * FROM quarter_evidence" + where
                + " ORDER BY occurred_on DESC, logged_at DESC, evidence_id LIMIT ? OFFSET ?", QuarterProjection::evidenceRow, args.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private List<GoalView> goals(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_goal WHERE person_id = ? AND quarter = ? ORDER BY set_at, goal_id",
                (rs, i) -> new GoalView(rs.getObject("goal_id", UUID.class), rs.getString("title"),
                        rs.getString("description"), rs.getString("dimension"), rs.getString("measure"),
                        rs.getString("target_level"), rs.getBoolean("active"), rs.getString("drop_reason"),
                        rs.getString("progress_status") == null ? null : new ProgressView(rs.getString("progress_status"),
                                rs.getString("progress_note"), instant(rs, "progress_at")),
                        instant(rs, "set_at")),
                personId, quarter);
    }

    private List<EvidenceView> evidence(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_evidence WHERE person_id = ? AND quarter = ? ORDER BY logged_at, evidence_id",
                QuarterProjection::evidenceRow, personId, quarter);
    }

    private List<FeedbackView> feedback(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_feedback WHERE person_id = ? AND quarter = ? ORDER BY given_at, feedback_id",
                (rs, i) -> new FeedbackView(rs.getObject("feedback_id", UUID.class), rs.getString("relationship"),
                        rs.getString("text"), rs.getString("signals_level"), rs.getString("given_by"),
                        instant(rs, "given_at")),
                personId, quarter);
    }

    private static EvidenceView evidenceRow(ResultSet rs, int i) throws SQLException {
        return new EvidenceView(rs.getObject("evidence_id", UUID.class), rs.getString("quarter"), rs.getString("title"),
                rs.getString("description"), rs.getString("impact"), rs.getString("dimension"),
                rs.getString("demonstrates_level"), rs.getObject("goal_id", UUID.class), rs.getString("link"),
                rs.getObject("occurred_on", LocalDate.class), rs.getBoolean("retracted"),
                rs.getString("retraction_reason"), instant(rs, "logged_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
