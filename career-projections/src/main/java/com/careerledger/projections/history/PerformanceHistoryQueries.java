package com.careerledger.projections.history;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.CareerStanding;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.person.SustainedRecord;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.history.PerformanceHistory.QuarterLine;
import com.careerledger.projections.history.PerformanceHistory.ReadinessView;
import com.careerledger.projections.history.PerformanceHistory.Tenure;
import com.careerledger.projections.support.ReadYourWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.careerledger.projections.support.SustainedRecordJson.readRecord;

/**
 * What the sustained-performance history ({@link PerformanceHistoryProjection}) answers: a person's quarters as they
 * stand in their sustained record, the next-level streak and readiness, computed on read by the domain's policy under
 * the framework in force.
 */
@Component
public class PerformanceHistoryQueries {

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;

    public PerformanceHistoryQueries(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    /** A person's history and the Person sequence number it reflects. */
    public record Versioned(PerformanceHistory history, long version) {
    }

    /**
     * A person's history, and the sequence number of the person's latest stored event, read together in one
     * statement (one round trip, one snapshot): what {@link ReadYourWrites#readWithStored} needs.
     *
     * @return the stored sequence number ({@code -1}: the person has no events) and the history, empty if the
     * person is not in it (yet)
     */
    public ReadYourWrites.Sighting<Versioned> read(UUID personId) {
        return jdbc.query("""
                SELECT s.stored, p.track, p.level, p.sustained_record::text AS record, p.quarters_at_level, p.version,
                       q.quarter, q.level_held, q.target_level, q.operating_level, q.at_next_level, q.goals, q.evidence
                FROM (SELECT max(sequence_number) AS stored FROM domain_event_entry WHERE aggregate_identifier = ?) s
                LEFT JOIN history_person p ON p.person_id = ?
                LEFT JOIN history_quarter q ON q.person_id = p.person_id
                ORDER BY q.quarter""",
                rs -> {
                    rs.next(); // the sub-select always gives a row
                    long stored = rs.getObject("stored") == null ? -1 : rs.getLong("stored");
                    if (rs.getObject("version") == null) {
                        return new ReadYourWrites.Sighting<>(stored, Optional.empty());
                    }
                    Track track = Track.valueOf(rs.getString("track"));
                    String level = rs.getString("level");
                    SustainedRecord record = readRecord(rs.getString("record"));
                    int quartersAtLevel = rs.getInt("quarters_at_level");
                    long version = rs.getLong("version");
                    List<QuarterLine> quarters = new ArrayList<>();
                    do {
                        if (rs.getString("quarter") != null) {
                            quarters.add(line(rs.getString("quarter"), rs.getString("level_held"),
                                    rs.getString("target_level"), rs.getString("operating_level"),
                                    rs.getObject("at_next_level", Boolean.class), rs.getInt("goals"),
                                    rs.getInt("evidence"), record, track));
                        }
                    } while (rs.next());
                    SustainedPerformancePolicy.ReadinessView readiness =
                            new CareerStanding(track, level, record).readiness(framework);
                    PerformanceHistory history = new PerformanceHistory(personId, track, level, readiness.nextLevel(),
                            framework.policy().requiredQuarters(), List.copyOf(quarters), readiness.streak(),
                            new ReadinessView(readiness.status(), readiness.reason()),
                            new Tenure(quartersAtLevel, false));
                    return new ReadYourWrites.Sighting<>(stored, Optional.of(new Versioned(history, version)));
                },
                personId.toString(), personId);
    }

    /**
     * A quarter as it stands in the sustained record. An assessed quarter counts at its standing outcome's level
     * (mapped to the person's track when it was assessed on the other one), and is at the next level when that level
     * is its target or above, the target read on the person's track: exactly what the streak counts, so a quarter
     * is never shown at the next level while the streak leaves it out. An assessed quarter with no outcome in the
     * record (stored events may hold one) shows its assessment as it was made.
     */
    private QuarterLine line(String quarter, String levelHeld, String targetLevel, String assessed, Boolean assessedAtNext,
                             int goals, int evidence, SustainedRecord record, Track track) {
        if (assessed == null) {
            return new QuarterLine(quarter, levelHeld, null, null, goals, evidence, targetLevel, null, null);
        }
        Optional<QuarterOutcome> outcome = record.outcome(YearQuarter.parse(quarter));
        if (outcome.isEmpty()) {
            return new QuarterLine(quarter, levelHeld, assessed, assessedAtNext, goals, evidence, targetLevel, assessed,
                    null);
        }
        QuarterOutcome o = outcome.get();
        String operatingLevel = o.operatingLevel().code();
        return new QuarterLine(quarter, levelHeld, operatingLevel, countsAtTarget(operatingLevel, targetLevel, track),
                goals, evidence, targetLevel, assessed, mapping(o, assessed));
    }

    /**
     * "IC4 (mapped to M2)" when the outcome counts at another track's level than the one assessed. Outcomes carried
     * over by a track switch before outcomes named what they were mapped from say nothing of it: the quarter's own
     * assessment does.
     */
    private String mapping(QuarterOutcome o, String assessed) {
        if (o.mappedFrom() != null) {
            return o.describe();
        }
        boolean otherTrack = !o.operatingLevel().code().equals(assessed) && framework.level(assessed).isPresent()
                && framework.level(o.operatingLevel()).isPresent()
                && framework.level(assessed).get().track() != framework.level(o.operatingLevel()).get().track();
        return otherTrack ? new QuarterOutcome(o.quarter(), o.operatingLevel(), o.assessmentId(), new LevelCode(assessed)).describe()
                : null;
    }

    /** Whether {@code counted} is at {@code target} or above, the target read on {@code track} where it has an equivalent. */
    private boolean countsAtTarget(String counted, String target, Track track) {
        if (target == null) {
            return false; // the top of a track aims at nothing further
        }
        List<String> targets = framework.equivalents(target, track).stream().map(Level::code).toList();
        return (targets.isEmpty() ? List.of(target) : targets).stream()
                .anyMatch(t -> framework.isAtOrAbove(counted, t));
    }
}
