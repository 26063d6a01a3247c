package com.careerledger.projections.stats;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.stats.StatsViews.LevelCount;
import com.careerledger.projections.stats.StatsViews.OrgStats;
import com.careerledger.projections.stats.StatsViews.QuarterPromotions;
import com.careerledger.projections.stats.StatsViews.StreakBucket;
import com.careerledger.projections.stats.StatsViews.TenureAndStreakBucket;
import com.careerledger.projections.stats.StatsViews.TenureBucket;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the statistics answer ({@code GET /api/stats}), read from the tables {@link StatsProjection} writes. */
@Component
public class StatsQueries {

    public static final String NOTE = "Time at level is shown only to show that it does not decide promotions: "
            + "a promotion rests on consecutive quarters assessed at the next level, never on how long someone "
            + "has held a level.";

    public static final String STREAK_NOTE = "What predicts a promotion is the next-level streak: consecutive "
            + "assessed quarters at the next level or above, counted as the promotion rule counts them (a reopened "
            + "quarter does not count until it is assessed again; quarters before the last promotion do not count "
            + "again). nextLevelStreakVsPromotion counts each promotion by the streak when it was decided (an "
            + "override may come with a shorter one) and each person below the top of their track by their streak "
            + "now; timeAtLevelAndStreakVsPromotion splits the same figures by time at level too: at any time at "
            + "level, promotions follow the streak.";

    /**
     * Every promotion with the streak it was decided on, and every current stint below the top of a track with its
     * streak so far, each with its quarters at level; a streak that is unknown (see V17) leaves the row out.
     */
    private static final String STINTS = """
            SELECT quarters_at_level, next_level_streak, 1 AS promoted, 0 AS not_promoted FROM stats_promotion
            WHERE next_level_streak IS NOT NULL
            UNION ALL
            SELECT (SELECT count(*) FROM stats_quarter q WHERE q.person_id = p.person_id AND q.stint = p.stint),
                   next_level_streak, 0, 1
            FROM stats_person p WHERE next_level_streak IS NOT NULL""";

    private final JdbcTemplate jdbc;
    private final CareerFramework framework;

    public StatsQueries(JdbcTemplate jdbc, CareerFramework framework) {
        this.jdbc = jdbc;
        this.framework = framework;
    }

    public OrgStats stats() {
        return new OrgStats(levelDistribution(), promotionsPerQuarter(), timeAtLevelVsPromotion(), NOTE,
                nextLevelStreakVsPromotion(), timeAtLevelAndStreakVsPromotion(), framework.policy().requiredQuarters(),
                STREAK_NOTE);
    }

    private List<LevelCount> levelDistribution() {
        Map<String, LevelCount> counts = new LinkedHashMap<>();
        for (Track track : Track.values()) {
            for (Level level : framework.levelsOf(track)) {
                counts.put(track.name() + "/" + level.code(), new LevelCount(track, level.code(), 0));
            }
        }
        jdbc.query("SELECT track, level, count(*) AS people FROM stats_person GROUP BY track, level ORDER BY track, level",
                rs -> {
                    LevelCount count = new LevelCount(Track.valueOf(rs.getString("track")), rs.getString("level"),
                            rs.getLong("people"));
                    counts.put(count.track().name() + "/" + count.level(), count);
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

    private List<StreakBucket> nextLevelStreakVsPromotion() {
        return jdbc.query("SELECT next_level_streak, sum(promoted) AS promoted, sum(not_promoted) AS not_promoted "
                        + "FROM (" + STINTS + ") stints GROUP BY next_level_streak ORDER BY next_level_streak",
                (rs, i) -> new StreakBucket(rs.getInt("next_level_streak"), rs.getLong("promoted"),
                        rs.getLong("not_promoted")));
    }

    private List<TenureAndStreakBucket> timeAtLevelAndStreakVsPromotion() {
        return jdbc.query("SELECT quarters_at_level, next_level_streak, sum(promoted) AS promoted, "
                        + "sum(not_promoted) AS not_promoted FROM (" + STINTS + ") stints "
                        + "GROUP BY quarters_at_level, next_level_streak ORDER BY quarters_at_level, next_level_streak",
                (rs, i) -> new TenureAndStreakBucket(rs.getInt("quarters_at_level"), rs.getInt("next_level_streak"),
                        rs.getLong("promoted"), rs.getLong("not_promoted")));
    }
}
