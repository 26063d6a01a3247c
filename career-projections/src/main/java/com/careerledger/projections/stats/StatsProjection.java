package com.careerledger.projections.stats;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.stats.StatsViews.LevelCount;
import com.careerledger.projections.stats.StatsViews.OrgStats;
import com.careerledger.projections.stats.StatsViews.QuarterPromotions;
import com.careerledger.projections.stats.StatsViews.TenureBucket;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.careerledger.projections.support.SelectiveReplay;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read model 7, organisation statistics: the level distribution, promotions per calendar quarter, and time at
 * level against promotion.
 * <p>
 * <b>Level distribution.</b> People per current track and level, from {@code PersonRegistered},
 * {@code LevelChanged} (any kind) and {@code TrackSwitched}. Every level of the framework is listed, in ladder
 * order, with zero where nobody holds it; a level held by someone but absent from the framework follows.
 * <p>
 * <b>Promotions per quarter.</b> {@code LevelChanged} decisions of kind {@code PROMOTION} (overrides included;
 * corrections, demotions and track switches are not promotions), counted by the calendar quarter of their
 * {@code decidedAt} in UTC, written {@code YYYY-Qn}, oldest first; quarters without a promotion are left out.
 * <p>
 * <b>Time at level vs promotion.</b> A person's <i>stint</i> is an uninterrupted period at one level: it starts
 * at registration and a new one starts with every {@code LevelChanged} (of any kind) and every
 * {@code TrackSwitched}. The <i>quarters at level</i> of a stint is the number of the person's quarters opened
 * ({@code QuarterOpened}) during that stint, whatever their calendar quarter and whether assessed or not.
 * For each number of quarters at level {@code n}:
 * <ul>
 *     <li>{@code promoted}: the promotions decided at the end of a stint with {@code n} quarters at level
 *         (an override after no quarter at all counts in bucket 0);</li>
 *     <li>{@code notPromoted}: the people whose current stint has {@code n} quarters at level so far — everyone
 *         currently sitting at their level without a promotion from it, top of a track included.</li>
 * </ul>
 * Buckets with neither are left out. The figures exist to show that tenure does not drive promotion: the
 * promotion rule looks only at consecutive quarters assessed at the next level, never at time served.
 * <p>
 * Idempotent: a person row remembers the Person sequence number it reflects (a redelivered Person event changes
 * nothing), quarters are keyed by person and quarter, promotions by decision id. Only event data are stored.
 */
@Component
@ProcessingGroup(StatsProjection.PROCESSING_GROUP)
public class StatsProjection {

    public static final String PROCESSING_GROUP = "stats";

    public static final String NOTE = "Time at level is shown only to show that it does not decide promotions: "
            + "a promotion rests on consecutive quarters assessed at the next level, never on how long someone "
            + "has held a level.";

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;

    public StatsProjection(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    @EventHandler
    void on(PersonRegistered e, @SequenceNumber long seq) {
        jdbc.update("""
                INSERT INTO stats_person (person_id, track, level, stint, version) VALUES (?, ?, ?, 0, ?)
                ON CONFLICT (person_id) DO NOTHING""",
                e.personId(), e.track().name(), e.level(), seq);
    }

    @EventHandler
    void on(QuarterOpened e) {
        // counted in the stint the person is in now, which is the one the quarter opened in (events are in order)
        jdbc.update("""
                INSERT INTO stats_quarter (person_id, quarter, level_held, stint)
                SELECT p.person_id, ?, ?, p.stint FROM stats_person p WHERE p.person_id = ?
                ON CONFLICT (person_id, quarter) DO NOTHING""",
                e.quarter(), e.levelHeld(), e.personId());
    }

    @EventHandler
    void on(LevelChanged e, @SequenceNumber long seq, @Timestamp Instant at) {
        if (e.kind() == DecisionKind.PROMOTION) {
            Instant decidedAt = e.decidedAt() == null ? at : e.decidedAt();
            jdbc.update("""
                    INSERT INTO stats_promotion (decision_id, person_id, from_level, to_level, decided_at, decided_quarter,
                                                 quarters_at_level)
                    SELECT ?, p.person_id, ?, ?, ?, ?,
                           (SELECT count(*) FROM stats_quarter q WHERE q.person_id = p.person_id AND q.stint = p.stint)
                    FROM stats_person p WHERE p.person_id = ? AND p.version < ?
                    ON CONFLICT (decision_id) DO NOTHING""",
                    e.decisionId(), e.fromLevel(), e.toLevel(), decidedAt.atOffset(ZoneOffset.UTC),
                    calendarQuarter(decidedAt), e.personId(), seq);
        }
        jdbc.update("UPDATE stats_person SET level = ?, stint = stint + 1, version = ? WHERE person_id = ? AND version < ?",
                e.toLevel(), seq, e.personId(), seq);
    }

    @EventHandler
    void on(TrackSwitched e, @SequenceNumber long seq) {
        jdbc.update("""
                UPDATE stats_person SET track = ?, level = ?, stint = stint + 1, version = ?
                WHERE person_id = ? AND version < ?""",
                e.toTrack().name(), e.toLevel(), seq, e.personId(), seq);
    }

    /** Empties the tables when a rebuild names this read model (see SelectiveReplay). */
    @ResetHandler
    void reset(String rebuilt) {
        if (SelectiveReplay.includes(rebuilt, PROCESSING_GROUP)) {
            jdbc.update("TRUNCATE stats_person, stats_quarter, stats_promotion");
        }
    }

    /** The calendar quarter of an instant, in UTC, written {@code YYYY-Qn}. */
    static String calendarQuarter(Instant at) {
        OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    // --- queries -----------------------------------------------------------------------------------------

    public OrgStats stats() {
        return new OrgStats(levelDistribution(), promotionsPerQuarter(), timeAtLevelVsPromotion(), NOTE);
    }

    private List<LevelCount> levelDistribution() {
        Map<String, LevelCount> counts = new LinkedHashMap<>();
        for (Track track : Track.values()) {
            for (Level level : framework.levelsOf(track)) {
                counts.put(track.name() + "/" + level.code(), new LevelCount(track.name(), level.code(), 0));
            }
        }
        jdbc.query("SELECT track, level, count(*) AS people FROM stats_person GROUP BY track, level ORDER BY track, level",
                rs -> {
                    LevelCount count = new LevelCount(rs.getString("track"), rs.getString("level"), rs.getLong("people"));
                    counts.put(count.track() + "/" + count.level(), count);
                });
        return new ArrayList<>(counts.values());
    }

    private List<QuarterPromotions> promotionsPerQuarter() {
        return jdbc.query("""
                SELECT decided_quarter, count(*) AS promotions FROM stats_promotion
                GROUP BY decided_quarter ORDER BY decided_quarter""",
                (rs, i) -> new QuarterPromotions(rs.getString("decided_quarter"), rs.getLong("promotions")));
    }

    private List<TenureBucket> timeAtLevelVsPromotion() {
        return jdbc.query("""
                SELECT quarters_at_level, sum(promoted) AS promoted, sum(not_promoted) AS not_promoted FROM (
                    SELECT quarters_at_level, 1 AS promoted, 0 AS not_promoted FROM stats_promotion
                    UNION ALL
                    SELECT (SELECT count(*) FROM stats_quarter q WHERE q.person_id = p.person_id AND q.stint = p.stint),
                           0, 1
                    FROM stats_person p
                ) buckets
                GROUP BY quarters_at_level ORDER BY quarters_at_level""",
                (rs, i) -> new TenureBucket(rs.getInt("quarters_at_level"), rs.getLong("promoted"),
                        rs.getLong("not_promoted")));
    }
}
