package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.AppClock;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.projections.history.PerformanceHistoryProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sustained-performance history over HTTP: quarters, the next-level streak and readiness. Levels are impact,
 * not tenure: time at level is shown, marked as unused, and never changes readiness.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PerformanceHistoryApiTest {

    @LocalServerPort
    int port;
    CareerStories career;
    Http http;

    @BeforeEach
    void setUp() {
        career = new CareerStories(port);
        http = career.http();
    }

    private JsonNode history(String person, Predicate<JsonNode> done) {
        return career.await("performance history of " + person, "/api/people/" + person + "/performance-history", done);
    }

    private static Predicate<JsonNode> quarters(int count) {
        return h -> h.get("quarters").size() == count;
    }

    private static Predicate<JsonNode> assessedQuarters(int count) {
        return h -> h.get("quarters").size() == count
                && h.get("quarters").findValues("operatingLevel").stream().noneMatch(JsonNode::isNull);
    }

    @Test
    void each_quarter_shows_level_held_operating_level_next_level_and_goal_and_evidence_counts() {
        String ada = career.register("IC2");
        career.open(ada, "2026-Q1");
        career.goal(ada, "2026-Q1", "Lead the API redesign");
        String dropped = career.goal(ada, "2026-Q1", "Run the guild");
        career.dropGoal(ada, "2026-Q1", dropped);
        career.evidence(ada, "2026-Q1", "Led the API redesign", "IC3");
        String retracted = career.evidence(ada, "2026-Q1", "Wrong quarter", "IC3");
        career.retract(ada, "2026-Q1", retracted);
        career.assess(ada, "2026-Q1", "IC3");
        career.open(ada, "2026-Q2");
        career.goal(ada, "2026-Q2", "Own checkout v2");

        JsonNode h = history(ada, h2 -> h2.get("quarters").size() == 2
                && h2.get("quarters").get(1).get("goals").asInt() == 1
                && h2.get("quarters").get(0).get("operatingLevel").isTextual());

        assertThat(h.get("personId").asText()).isEqualTo(ada);
        assertThat(h.get("track").asText()).isEqualTo("IC");
        assertThat(h.get("level").asText()).isEqualTo("IC2");
        assertThat(h.get("nextLevel").asText()).isEqualTo("IC3");
        assertThat(h.get("requiredQuarters").asInt()).isEqualTo(2);
        JsonNode q1 = h.get("quarters").get(0);
        assertThat(q1.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(q1.get("levelHeld").asText()).isEqualTo("IC2");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(q1.get("atNextLevel").asBoolean()).isTrue();
        assertThat(q1.get("goals").asInt()).isEqualTo(1);
        assertThat(q1.get("evidence").asInt()).isEqualTo(1);
        JsonNode q2 = h.get("quarters").get(1);
        assertThat(q2.get("quarter").asText()).isEqualTo("2026-Q2");
        assertThat(q2.get("levelHeld").asText()).isEqualTo("IC2");
        assertThat(q2.get("operatingLevel").isNull()).isTrue();
        assertThat(q2.get("atNextLevel").isNull()).isTrue();
        assertThat(q2.get("goals").asInt()).isEqualTo(1);
        assertThat(q2.get("evidence").asInt()).isZero();
        assertThat(h.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(h.get("readiness").get("status").asText()).isEqualTo("NOT_YET");

        // a reopened quarter is open again until it is re-assessed; the amendment replaces the outcome
        career.reopen(ada, "2026-Q1");
        JsonNode reopened = history(ada, h2 -> h2.get("quarters").get(0).get("operatingLevel").isNull());
        assertThat(reopened.get("quarters").get(0).get("atNextLevel").isNull()).isTrue();
        career.assess(ada, "2026-Q1", "IC2");
        JsonNode amended = history(ada, h2 -> h2.get("quarters").get(0).get("operatingLevel").isTextual()
                && h2.get("nextLevelStreak").asInt() == 0);
        assertThat(amended.get("quarters").get(0).get("operatingLevel").asText()).isEqualTo("IC2");
        assertThat(amended.get("quarters").get(0).get("atNextLevel").asBoolean()).isFalse();
        assertThat(amended.get("quarters").get(0).get("evidence").asInt()).isEqualTo(1);
    }

    @Test
    void two_consecutive_next_level_quarters_make_a_person_ready_whatever_their_tenure() {
        String veteran = career.register("IC2");
        for (String q : new String[]{"2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"}) {
            career.quarterAt(veteran, q, "IC2", "IC2");
        }
        career.quarterAt(veteran, "2026-Q1", "IC2", "IC3");
        career.quarterAt(veteran, "2026-Q2", "IC2", "IC3");
        String newcomer = career.register("IC2");
        career.quarterAt(newcomer, "2026-Q1", "IC2", "IC3");
        career.quarterAt(newcomer, "2026-Q2", "IC2", "IC3");

        JsonNode v = history(veteran, assessedQuarters(7));
        JsonNode n = history(newcomer, assessedQuarters(2));

        assertThat(v.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(n.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(v.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(n.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(v.get("nextLevel").asText()).isEqualTo("IC3");
        assertThat(v.get("readiness")).isEqualTo(n.get("readiness"));
        assertThat(v.get("readiness").get("reason").asText()).contains("2026-Q1 at IC3", "2026-Q2 at IC3");
        // time at level differs, is shown, and is marked as unused
        assertThat(v.get("tenure").get("quartersAtLevel").asInt()).isEqualTo(7);
        assertThat(n.get("tenure").get("quartersAtLevel").asInt()).isEqualTo(2);
        assertThat(v.get("tenure").get("usedInDecisions").asBoolean()).isFalse();
        assertThat(n.get("tenure").get("usedInDecisions").asBoolean()).isFalse();
        assertThat(v.get("quarters").findValuesAsText("quarter")).containsExactly(
                "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2");
    }

    @Test
    void one_quarter_below_the_next_level_breaks_the_streak() {
        String bo = career.register("IC2");
        career.quarterAt(bo, "2025-Q4", "IC2", "IC3");
        JsonNode one = history(bo, assessedQuarters(1));
        assertThat(one.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(one.get("readiness").get("status").asText()).isEqualTo("NOT_YET");

        career.quarterAt(bo, "2026-Q1", "IC2", "IC2");
        JsonNode broken = history(bo, assessedQuarters(2));
        assertThat(broken.get("nextLevelStreak").asInt()).isZero();
        assertThat(broken.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(broken.get("readiness").get("reason").asText()).contains("2026-Q1 was assessed at IC2, below IC3");
        assertThat(broken.get("quarters").get(1).get("atNextLevel").asBoolean()).isFalse();

        career.quarterAt(bo, "2026-Q2", "IC2", "IC3");
        JsonNode restarted = history(bo, assessedQuarters(3));
        assertThat(restarted.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(restarted.get("readiness").get("status").asText()).isEqualTo("NOT_YET");

        career.quarterAt(bo, "2026-Q3", "IC2", "IC3");
        JsonNode ready = history(bo, assessedQuarters(4));
        assertThat(ready.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(ready.get("readiness").get("status").asText()).isEqualTo("READY");
    }

    @Test
    void after_a_promotion_the_streak_restarts_toward_the_new_next_level() {
        String cy = career.register("IC2");
        career.quarterAt(cy, "2026-Q1", "IC2", "IC3");
        career.quarterAt(cy, "2026-Q2", "IC2", "IC3");
        assertThat(history(cy, assessedQuarters(2)).get("readiness").get("status").asText()).isEqualTo("READY");

        // promoted on the first day of 2026-Q3, so that 2026-Q3 is a quarter held at the new level (a past quarter
        // opens at the level held at its end; with the real clock the promotion would be today, after 2026-Q3)
        AppClock.at(Instant.parse("2026-07-01T09:00:00Z"), () -> career.promote(cy, "IC3"));

        JsonNode promoted = history(cy, h -> h.get("level").asText().equals("IC3"));
        assertThat(promoted.get("nextLevel").asText()).isEqualTo("IC4");
        assertThat(promoted.get("nextLevelStreak").asInt()).isZero();
        assertThat(promoted.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(promoted.get("readiness").get("reason").asText()).contains("after 2026-Q2");
        assertThat(promoted.get("tenure").get("quartersAtLevel").asInt()).isZero();
        assertThat(promoted.get("quarters")).hasSize(2);

        career.quarterAt(cy, "2026-Q3", "IC3", "IC4");
        JsonNode next = history(cy, assessedQuarters(3));
        assertThat(next.get("quarters").get(2).get("levelHeld").asText()).isEqualTo("IC3");
        assertThat(next.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(next.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(next.get("tenure").get("quartersAtLevel").asInt()).isEqualTo(1);
    }

    @Test
    void the_top_of_a_track_is_top_of_track() {
        String principal = career.register("IC", "IC6");
        String director = career.register("MANAGER", "M3");
        career.quarterAt(principal, "2026-Q1", "IC6", "IC6");

        JsonNode p = history(principal, assessedQuarters(1));
        JsonNode d = history(director, h -> true);

        assertThat(p.get("readiness").get("status").asText()).isEqualTo("TOP_OF_TRACK");
        assertThat(p.get("nextLevel").isNull()).isTrue();
        assertThat(p.get("nextLevelStreak").asInt()).isZero();
        assertThat(p.get("quarters").get(0).get("atNextLevel").asBoolean()).isFalse();
        assertThat(d.get("track").asText()).isEqualTo("MANAGER");
        assertThat(d.get("level").asText()).isEqualTo("M3");
        assertThat(d.get("readiness").get("status").asText()).isEqualTo("TOP_OF_TRACK");
        assertThat(d.get("readiness").get("reason").asText()).contains("M3 is the top of its track");
        assertThat(d.get("nextLevel").isNull()).isTrue();
    }

    @Test
    void tenure_counts_quarters_since_the_level_last_changed_and_is_never_used() {
        String dee = career.register("IC3");
        career.quarterAt(dee, "2026-Q1", "IC3", "IC3");
        career.quarterAt(dee, "2026-Q2", "IC3", "IC3");
        assertThat(history(dee, assessedQuarters(2)).get("tenure").get("quartersAtLevel").asInt()).isEqualTo(2);

        career.switchTrack(dee, "MANAGER");
        JsonNode switched = history(dee, h -> h.get("track").asText().equals("MANAGER"));
        assertThat(switched.get("level").asText()).isEqualTo("M1");
        assertThat(switched.get("nextLevel").asText()).isEqualTo("M2");
        assertThat(switched.get("tenure").get("quartersAtLevel").asInt()).isZero();
        assertThat(switched.get("tenure").get("usedInDecisions").asBoolean()).isFalse();

        career.open(dee, "2026-Q3");
        assertThat(history(dee, quarters(3)).get("tenure").get("quartersAtLevel").asInt()).isEqualTo(1);

        career.correct(dee, "M2");
        JsonNode corrected = history(dee, h -> h.get("level").asText().equals("M2"));
        assertThat(corrected.get("tenure").get("quartersAtLevel").asInt()).isZero();
        assertThat(corrected.get("tenure").get("usedInDecisions").asBoolean()).isFalse();
        assertThat(corrected.get("nextLevel").asText()).isEqualTo("M3");
    }

    @Test
    void a_rebuild_reproduces_the_same_history() {
        String fay = career.register("IC2");
        career.quarterAt(fay, "2026-Q1", "IC2", "IC3");
        career.quarterAt(fay, "2026-Q2", "IC2", "IC3");
        career.promote(fay, "IC3");
        career.open(fay, "2026-Q3");
        String evidence = career.evidence(fay, "2026-Q3", "Retracted later", "IC4");
        career.retract(fay, "2026-Q3", evidence);
        JsonNode before = history(fay, h -> h.get("quarters").size() == 3 && h.get("level").asText().equals("IC3"));

        ReadModels.rebuildAndAwait(http, PerformanceHistoryProjection.PROCESSING_GROUP);

        JsonNode after = history(fay, h -> h.equals(before));
        assertThat(after).isEqualTo(before);
        assertThat(after.get("quarters").get(2).get("evidence").asInt()).isZero();
        assertThat(after.get("tenure").get("quartersAtLevel").asInt()).isEqualTo(1);
    }

    @Test
    void a_person_whose_promotion_lost_a_basis_quarter_reads_at_once() {
        String kim = career.register("IC2");
        career.quarterAt(kim, "2026-Q1", "IC2", "IC3");
        career.quarterAt(kim, "2026-Q2", "IC2", "IC3");
        career.promote(kim, "IC3");
        // the Person's last event is now DecisionBasisChanged: the read models' versions must follow it
        career.reopen(kim, "2026-Q2");

        assertThat(http.get("/api/people/" + kim + "/performance-history").status()).isEqualTo(200);
        assertThat(http.get("/api/people/" + kim).status()).isEqualTo(200);
    }

    @Test
    void the_history_of_an_unknown_person_is_a_404_problem() {
        Http.Response response = http.get("/api/people/" + UUID.randomUUID() + "/performance-history");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
