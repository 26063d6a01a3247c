package com.careerledger.projections.history;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.person.SustainedRecord;
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
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.history.PerformanceHistory.QuarterLine;
import com.careerledger.projections.history.PerformanceHistory.Readiness;
import com.careerledger.projections.history.PerformanceHistory.Tenure;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Read model 3, the sustained-performance history: per quarter the level held, the operating level assessed,
 * whether it was at the next level, and the goal and evidence counts; the person's current next-level streak
 * and readiness ({@code READY} / {@code NOT_YET} / {@code TOP_OF_TRACK}) with the reason.
 * <p>
 * Readiness and the streak are computed by the domain itself: the person's {@link SustainedRecord} is evolved
 * exactly as the Person aggregate evolves it (an outcome per quarter, a restart after a promotion, the mapped
 * record after a track switch) and asked for {@link SustainedRecord#readiness}. Nothing of the policy is
 * re-implemented here.
 * <p>
 * <b>Tenure is never an input to readiness.</b> {@code tenure.quartersAtLevel} — the quarters opened since the
 * person's level last changed (registration, a level change or a track switch) — is kept only to be shown, and is
 * always reported with {@code usedInDecisions: false}: levels are impact, not time served. It is not passed to the
 * policy, which has no parameter for it.
 * <p>
 * Idempotency: the person row remembers the Person aggregate's sequence number and each quarter row the Quarter
 * aggregate's ({@code personId/quarter}); an event at or below the remembered number is a redelivery and changes
 * nothing, so the counts are applied once. Only event timestamps are stored, so a rebuild reproduces the rows.
 */
@Component
@ProcessingGroup(PerformanceHistoryProjection.PROCESSING_GROUP)
public class PerformanceHistoryProjection {

    public static final String PROCESSING_GROUP = "performance-history";

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;
    private final ObjectMapper json = new ObjectMapper();

    public PerformanceHistoryProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    // --- person events ---------------------------------------------------------------------------------

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO history_person (person_id, track, level, quarters_at_level, version, updated_at)
                VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (person_id) DO NOTHING""",
                e.personId(), e.track().name(), e.level(), seq, utc(at));
    }

    @EventHandler
    void on(ManagerAssigned e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), seq, at, UnaryOperator.identity());
    }

    @EventHandler
    void on(QuarterOutcomeRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), seq, at, row -> row.withRecord(row.record().with(
                new QuarterOutcome(e.quarter(), e.operatingLevel(), e.assessmentId()))));
    }

    @EventHandler
    void on(LevelChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), seq, at, row -> new Standing(row.track(), e.toLevel(),
                e.kind() == DecisionKind.PROMOTION ? row.record().afterPromotion() : row.record(), 0));
    }

    @EventHandler
    void on(TrackSwitched e, @SequenceNumber long seq, @Timestamp Instant at) {
        evolve(e.personId(), seq, at, row -> new Standing(e.toTrack(), e.toLevel(),
                row.record().carriedOver(e.carriedOver()), 0));
    }

    // --- quarter events --------------------------------------------------------------------------------

    @EventHandler
    void on(QuarterOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                INSERT INTO history_quarter (person_id, quarter, level_held, target_level, version, opened_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (person_id, quarter) DO NOTHING""",
                e.personId(), e.quarter(), e.levelHeld(), e.targetLevel(), seq, utc(at), utc(at));
        if (inserted > 0) {
            // information only (see the class comment): counted once, when the quarter row is created
            jdbc.update("UPDATE history_person SET quarters_at_level = quarters_at_level + 1 WHERE person_id = ?",
                    e.personId());
        }
    }

    @EventHandler
    void on(GoalSet e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, "goals = goals + 1");
    }

    @EventHandler
    void on(GoalDropped e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, "goals = goals - 1");
    }

    @EventHandler
    void on(GoalRevised e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, null);
    }

    @EventHandler
    void on(GoalProgressed e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, null);
    }

    @EventHandler
    void on(EvidenceLogged e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, "evidence = evidence + 1");
    }

    @EventHandler
    void on(EvidenceRetracted e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, "evidence = evidence - 1");
    }

    @EventHandler
    void on(FeedbackRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(e.personId(), e.quarter(), seq, at, null);
    }

    @EventHandler
    void on(QuarterAssessed e, @SequenceNumber long seq, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE history_quarter SET operating_level = ?, at_next_level = ?, version = ?, updated_at = ?
                WHERE person_id = ? AND quarter = ? AND version < ?""",
                e.operatingLevel(), e.atNextLevel(), seq, utc(at), e.personId(), e.quarter(), seq);
    }

    @EventHandler
    void on(QuarterReopened e, @SequenceNumber long seq, @Timestamp Instant at) {
        // the earlier assessment stands in the person's record until a new one replaces it; the quarter is open again
        apply(e.personId(), e.quarter(), seq, at, "operating_level = NULL, at_next_level = NULL");
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE history_person, history_quarter");
        }
    }

    // --- queries ---------------------------------------------------------------------------------------

    /** The Person sequence number the history reflects; empty if the person is not in it (yet). */
    public Optional<Long> personVersion(UUID personId) {
        return jdbc.queryForList("SELECT version FROM history_person WHERE person_id = ?", Long.class, personId)
                .stream().findFirst();
    }

    public Optional<PerformanceHistory> find(UUID personId) {
        return jdbc.query("SELECT track, level, sustained_record::text AS record, quarters_at_level FROM history_person WHERE person_id = ?",
                (rs, i) -> {
                    Track track = Track.valueOf(rs.getString("track"));
                    String level = rs.getString("level");
                    SustainedPerformancePolicy.ReadinessView readiness = readRecord(rs.getString("record"))
                            .readiness(level, framework);
                    return new PerformanceHistory(personId, track, level, readiness.nextLevel(),
                            framework.policy().requiredQuarters(), quarters(personId), readiness.streak(),
                            new Readiness(readiness.status().name(), readiness.reason()),
                            new Tenure(rs.getInt("quarters_at_level"), false));
                }, personId).stream().findFirst();
    }

    private List<QuarterLine> quarters(UUID personId) {
        return jdbc.query("""
                SELECT quarter, level_held, operating_level, at_next_level, goals, evidence
                FROM history_quarter WHERE person_id = ? ORDER BY quarter""",
                (rs, i) -> new QuarterLine(rs.getString("quarter"), rs.getString("level_held"),
                        rs.getString("operating_level"), rs.getObject("at_next_level", Boolean.class),
                        rs.getInt("goals"), rs.getInt("evidence")),
                personId);
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** Track, level, record and time at level of a person. */
    private record Standing(Track track, String level, SustainedRecord record, int quartersAtLevel) {
        Standing withRecord(SustainedRecord next) {
            return new Standing(track, level, next, quartersAtLevel);
        }
    }

    /** Applies a Person event once: a row already at this sequence number (a redelivery) is left alone. */
    private void evolve(UUID personId, long seq, Instant at, UnaryOperator<Standing> change) {
        List<Standing> rows = jdbc.query("""
                SELECT track, level, sustained_record::text AS record, quarters_at_level
                FROM history_person WHERE person_id = ? AND version < ? FOR UPDATE""",
                (rs, i) -> new Standing(Track.valueOf(rs.getString("track")), rs.getString("level"),
                        readRecord(rs.getString("record")), rs.getInt("quarters_at_level")),
                personId, seq);
        if (rows.isEmpty()) {
            return;
        }
        Standing next = change.apply(rows.get(0));
        jdbc.update("""
                UPDATE history_person SET track = ?, level = ?, sustained_record = CAST(? AS jsonb),
                       quarters_at_level = ?, version = ?, updated_at = ?
                WHERE person_id = ?""",
                next.track().name(), next.level(), writeRecord(next.record()), next.quartersAtLevel(), seq, utc(at),
                personId);
    }

    /** Applies a Quarter event once, with {@code change} (a SET clause, or null for none) on the quarter row. */
    private void apply(UUID personId, String quarter, long seq, Instant at, String change) {
        jdbc.update("UPDATE history_quarter SET " + (change == null ? "" : change + ", ")
                        + "version = ?, updated_at = ? WHERE person_id = ? AND quarter = ? AND version < ?",
                seq, utc(at), personId, quarter, seq);
    }

    private SustainedRecord readRecord(String text) {
        try {
            return json.readValue(text, SustainedRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable sustained record", e);
        }
    }

    private String writeRecord(SustainedRecord record) {
        try {
            return json.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
