package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Org statistics put the next-level streak beside time at level: promotions follow the streak (consecutive quarters
 * at the next level, as the promotion rule counts them), whatever the time at level. The figures are org-wide, so
 * the test compares them before and after the careers it adds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NextLevelStreakStatsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    CareerStories steps;

    @BeforeEach
    void setUp() {
        steps = new CareerStories(port);
    }

    @Test
    void the_next_level_streak_beside_time_at_level_shows_what_predicts_promotion() {
        JsonNode before = steps.get("/api/stats");

        // promoted on a streak of 2, after 2 quarters at level
        String ada = steps.register("IC", "IC2");
        steps.quarterAt(ada, "2025-Q1", "IC3");
        steps.quarterAt(ada, "2025-Q2", "IC3");
        steps.promote(ada, "IC3");
        // promoted by override on a streak of 0, after 1 quarter at level
        String bo = steps.register("IC", "IC2");
        steps.quarterAt(bo, "2025-Q1", "IC2");
        steps.promoteOverride(bo, "IC3");
        // 3 quarters at level, streak 0, not promoted
        String cy = steps.register("IC", "IC2");
        steps.quarterAt(cy, "2025-Q1", "IC2");
        steps.quarterAt(cy, "2025-Q2", "IC2");
        steps.quarterAt(cy, "2025-Q3", "IC2");
        // a streak of 2, then one of its quarters reopened: streak 1
        String dee = steps.register("IC", "IC2");
        steps.quarterAt(dee, "2025-Q1", "IC3");
        steps.quarterAt(dee, "2025-Q2", "IC3");
        steps.reopen(dee, "2025-Q2");
        // top of the track: no next level, so no streak to count
        steps.register("IC", "IC6");

        // by streak: promoted (2: ada; 0: bo), not promoted now (0: ada and bo at IC3, cy; 1: dee)
        Map<Integer, long[]> expectedStreak = Map.of(2, new long[]{1, 0}, 0, new long[]{1, 3}, 1, new long[]{0, 1});
        JsonNode after = Eventually.await("the stats to count the new careers", () -> steps.get("/api/stats"),
                s -> delta(before, s, "nextLevelStreakVsPromotion", "nextLevelStreak").equals(asText(expectedStreak))
                        && totalNotPromoted(s, "timeAtLevelVsPromotion")
                        - totalNotPromoted(before, "timeAtLevelVsPromotion") == 5);

        // by time at level and streak: at 0 quarters at level both promoted (bo had 1) and not promoted
        Map<String, long[]> expectedCross = Map.of("2/2", new long[]{1, 0}, "1/0", new long[]{1, 0},
                "0/0", new long[]{0, 2}, "3/0", new long[]{0, 1}, "2/1", new long[]{0, 1});
        assertThat(crossDelta(before, after)).isEqualTo(asText(expectedCross));
        assertThat(after.get("requiredQuarters").asInt()).isEqualTo(2);
        assertThat(after.get("streakNote").asText()).contains("next-level streak", "override");
        // what was there stays
        assertThat(after.get("note").asText()).contains("does not decide promotions");
        assertThat(after.get("levelDistribution").isArray()).isTrue();
        assertThat(after.get("promotionsPerQuarter").isArray()).isTrue();
        assertThat(after.get("timeAtLevelVsPromotion").isArray()).isTrue();

        // rebuilt from the events, the statistics are the same
        ReadModels readModels = new ReadModels(jdbc, new Http(port));
        readModels.awaitAllCaughtUp();
        JsonNode live = steps.get("/api/stats");
        readModels.rebuild("stats");
        readModels.awaitAllCaughtUp();
        assertThat(steps.get("/api/stats")).isEqualTo(live);
    }

    /** The change of each bucket between two answers, as "promoted/notPromoted" by bucket key; zero changes left out. */
    private static Map<Integer, String> delta(JsonNode before, JsonNode after, String table, String key) {
        Map<Integer, long[]> d = new TreeMap<>();
        add(d, before.get(table), key, -1);
        add(d, after.get(table), key, 1);
        Map<Integer, String> text = new TreeMap<>();
        d.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                text.put(k, v[0] + "/" + v[1]);
            }
        });
        return text;
    }

    private static void add(Map<Integer, long[]> d, JsonNode rows, String key, int sign) {
        for (JsonNode row : rows) {
            long[] v = d.computeIfAbsent(row.get(key).asInt(), k -> new long[2]);
            v[0] += sign * row.get("promoted").asLong();
            v[1] += sign * row.get("notPromoted").asLong();
        }
    }

    private static Map<String, String> crossDelta(JsonNode before, JsonNode after) {
        Map<String, long[]> d = new TreeMap<>();
        for (int sign : new int[]{-1, 1}) {
            for (JsonNode row : (sign < 0 ? before : after).get("timeAtLevelAndStreakVsPromotion")) {
                long[] v = d.computeIfAbsent(row.get("quartersAtLevel").asInt() + "/" + row.get("nextLevelStreak").asInt(),
                        k -> new long[2]);
                v[0] += sign * row.get("promoted").asLong();
                v[1] += sign * row.get("notPromoted").asLong();
            }
        }
        Map<String, String> text = new TreeMap<>();
        d.forEach((k, v) -> {
            if (v[0] != 0 || v[1] != 0) {
                text.put(k, v[0] + "/" + v[1]);
            }
        });
        return text;
    }

    private static <K> Map<K, String> asText(Map<K, long[]> expected) {
        Map<K, String> text = new TreeMap<>();
        expected.forEach((k, v) -> text.put(k, v[0] + "/" + v[1]));
        return text;
    }

    private static long totalNotPromoted(JsonNode stats, String table) {
        long total = 0;
        for (JsonNode row : stats.get(table)) {
            total += row.get("notPromoted").asLong();
        }
        return total;
    }
}
