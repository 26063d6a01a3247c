package com.careerledger.projections.quarter;

import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterStatus;
import com.careerledger.domain.shared.Track;

import com.careerledger.projections.quarter.QuarterViews.AssessmentView;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.quarter.QuarterViews.FeedbackView;
import com.careerledger.projections.quarter.QuarterViews.GoalView;
import com.careerledger.projections.quarter.QuarterViews.ProgressView;
import com.careerledger.projections.quarter.QuarterViews.QuarterSummary;
import com.careerledger.projections.quarter.QuarterViews.QuarterView;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the quarters read model ({@link QuarterProjection}) answers: a quarter with its goals, evidence, feedback and
 * assessment, a person's quarters, and the Win Log.
 */
@Component
public class QuarterQueries {

    private final JdbcTemplate jdbc;

    public QuarterQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<QuarterView> find(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_view WHERE person_id = ? AND quarter = ?", (rs, i) -> {
            AssessmentView assessment = rs.getObject("assessment_id") == null || !"ASSESSED".equals(rs.getString("status"))
                    ? null
                    : new AssessmentView(rs.getObject("assessment_id", UUID.class), rs.getString("operating_level"),
                    rs.getBoolean("at_next_level"), rs.getString("rationale"), rs.getString("assessed_by"),
                    instant(rs, "assessed_at"), rs.getObject("amends_assessment_id", UUID.class));
            return new QuarterView(personId, quarter, QuarterStatus.valueOf(rs.getString("status")),
                    Track.valueOf(rs.getString("track")),
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
                (rs, i) -> new QuarterSummary(personId, rs.getString("quarter"),
                        QuarterStatus.valueOf(rs.getString("status")),
                        rs.getString("level_held"), rs.getString("target_level"),
                        "ASSESSED".equals(rs.getString("status")) ? rs.getString("operating_level") : null,
                        rs.getInt("goals"), rs.getInt("evidence"), rs.getLong("version")),
                personId, size, (long) page * size);
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** The Win Log: evidence across a person's quarters, newest first, optionally by dimension or level shown. */
    public Page<EvidenceView> winLog(UUID personId, String dimension, String level, int page, int size) {
        String where = " WHERE person_id = ?" + (dimension == null ? "" : " AND dimension = ?") + (level == null ? "" : " AND demonstrates_level = ?");
        List<Object> args = new ArrayList<>(List.of(personId));
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
                + " ORDER BY occurred_on DESC, logged_at DESC, evidence_id LIMIT ? OFFSET ?", QuarterQueries::evidenceRow, args.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    private List<GoalView> goals(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_goal WHERE person_id = ? AND quarter = ? ORDER BY set_at, goal_id",
                (rs, i) -> new GoalView(rs.getObject("goal_id", UUID.class), rs.getString("title"),
                        rs.getString("description"), Dimension.valueOf(rs.getString("dimension")), rs.getString("measure"),
                        rs.getString("target_level"), rs.getBoolean("active"), rs.getString("drop_reason"),
                        rs.getString("progress_status") == null ? null : new ProgressView(
                                GoalStatus.valueOf(rs.getString("progress_status")),
                                rs.getString("progress_note"), instant(rs, "progress_at")),
                        instant(rs, "set_at")),
                personId, quarter);
    }

    private List<EvidenceView> evidence(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_evidence WHERE person_id = ? AND quarter = ? ORDER BY logged_at, evidence_id",
                QuarterQueries::evidenceRow, personId, quarter);
    }

    private List<FeedbackView> feedback(UUID personId, String quarter) {
        return jdbc.query("SELECT * FROM quarter_feedback WHERE person_id = ? AND quarter = ? ORDER BY given_at, feedback_id",
                (rs, i) -> new FeedbackView(rs.getObject("feedback_id", UUID.class),
                        FeedbackRelationship.valueOf(rs.getString("relationship")),
                        rs.getString("text"), rs.getString("signals_level"), rs.getString("given_by"),
                        instant(rs, "given_at")),
                personId, quarter);
    }

    private static EvidenceView evidenceRow(ResultSet rs, int i) throws SQLException {
        return new EvidenceView(rs.getObject("evidence_id", UUID.class), rs.getString("quarter"), rs.getString("title"),
                rs.getString("description"), rs.getString("impact"), Dimension.valueOf(rs.getString("dimension")),
                rs.getString("demonstrates_level"), rs.getObject("goal_id", UUID.class), rs.getString("link"),
                links(rs), rs.getObject("occurred_on", LocalDate.class), rs.getBoolean("retracted"),
                rs.getString("retraction_reason"), instant(rs, "logged_at"));
    }

    /** An entry's links (a jsonb array); rows stored before V26 have only their one {@code link}. */
    private static List<String> links(ResultSet rs) throws SQLException {
        String stored = rs.getString("links");
        if (stored == null) {
            String link = rs.getString("link");
            return link == null ? List.of() : List.of(link);
        }
        return List.of(ReadModelJson.read(stored, String[].class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
