package com.careerledger.api.quarters;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.shared.YearQuarter;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sustained record stays true, tried from outside as a manager, a committee and an admin would (issue 20's
 * observations 1, 2, 3, 5, 6, 7 and 8, write side): each is now refused with its rule's problem type and nothing
 * appended, or answered as the record really stands. Quarters are past ones, so the answers do not depend on the
 * day the suite runs; "the next quarter" is computed from today.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SustainedRecordApiTest {

    @LocalServerPort
    int port;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    // --- 1. promotions on quarters that have not happened ---------------------------------------------

    @Test
    void the_2031_story_is_refused_at_every_step_and_appends_nothing() {
        String ada = stories.register("IC", "IC2");
        long before = eventCount(ada);

        problem(http.post(quarters(ada), "{\"quarter\":\"2031-Q1\"}"), 409, "quarter-not-yet-open");
        problem(http.post(quarters(ada), "{\"quarter\":\"2099-Q4\"}"), 409, "quarter-not-yet-open");
        assertThat(http.get(quarters(ada) + "/2031-Q1").status()).isEqualTo(404);
        problem(http.post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters of 2031"}"""), 409, "promotion-not-sustained");

        assertThat(eventCount(ada)).isEqualTo(before);
    }

    @Test
    void the_next_quarter_may_be_opened_but_not_assessed_before_it_starts() {
        String ada = stories.register("IC", "IC2");
        String next = YearQuarter.of(LocalDate.now(ZoneOffset.UTC)).next().toString();
        stories.ok(http.post(quarters(ada), "{\"quarter\":\"" + next + "\"}"), 201);
        long before = eventCount(ada);

        problem(http.post(quarters(ada) + "/" + next + "/assessment", """
                {"operatingLevel":"IC2","rationale":"Not worked yet"}"""), 409, "quarter-not-started");

        assertThat(eventCount(ada)).isEqualTo(before);
    }

    @Test
    void evidence_dated_in_another_year_is_refused_for_a_quarter() {
        String ada = stories.register("IC", "IC2");
        stories.open(ada, "2025-Q3");

        Http.Response refused = http.post(quarters(ada) + "/2025-Q3/evidence", """
                {"title":"Old win","impact":"Some","dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"2026-02-01"}""");

        JsonNode problem = problem(refused, 400, null);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("occurredOn");
        assertThat(problem.get("detail").asText()).contains("2025-Q3");
        assertThat(stories.ok(http.get(quarters(ada) + "/2025-Q3"), 200).get("evidence")).isEmpty();
    }

    // --- 2, 3. promotions on assessments the system no longer stands behind ---------------------------

    @Test
    void a_promotion_cannot_rest_on_a_reopened_quarter() {
        String ada = stories.register("IC", "IC2");
        stories.quarterAt(ada, "2025-Q1", "IC3");
        stories.quarterAt(ada, "2025-Q2", "IC3");
        JsonNode reopened = stories.ok(http.post(quarters(ada) + "/2025-Q2/reopen", "{\"reason\":\"Calibration questions it\"}"), 200);
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");

        JsonNode refused = problem(http.post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters at IC3"}"""), 409, "promotion-not-sustained");
        assertThat(refused.get("detail").asText()).contains("only 1 assessed quarter");

        // assessed again, it counts again
        stories.assess(ada, "2025-Q2", "IC3");
        JsonNode decision = stories.ok(http.post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters at IC3"}"""), 201);
        assertThat(decision.get("basis").findValuesAsText("quarter")).containsExactly("2025-Q1", "2025-Q2");
    }

    @Test
    void a_reopened_quarter_whose_only_evidence_is_retracted_supports_neither_a_promotion_nor_its_reassessment() {
        String ada = stories.register("IC", "IC2");
        stories.quarterAt(ada, "2025-Q1", "IC3");
        stories.open(ada, "2025-Q2");
        String only = stories.evidence(ada, "2025-Q2", "Work at IC3", "IC3");
        stories.assess(ada, "2025-Q2", "IC3");

        // an assessed quarter's evidence cannot be pulled from under its assessment
        problem(http.post(quarters(ada) + "/2025-Q2/evidence/" + only + "/retraction", "{\"reason\":\"Not ours\"}"),
                409, "quarter-closed");

        stories.ok(http.post(quarters(ada) + "/2025-Q2/reopen", "{\"reason\":\"The win was another team's\"}"), 200);
        stories.ok(http.post(quarters(ada) + "/2025-Q2/evidence/" + only + "/retraction", "{\"reason\":\"Not ours\"}"), 200);

        problem(http.post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters at IC3"}"""), 409, "promotion-not-sustained");
        problem(http.post(quarters(ada) + "/2025-Q2/assessment", """
                {"operatingLevel":"IC3","rationale":"Operated at IC3"}"""), 409, "assessment-needs-evidence");
    }

    // --- 5. next-level assessments rest on next-level evidence ----------------------------------------

    @Test
    void an_assessment_at_the_next_level_needs_evidence_that_demonstrates_it() {
        String ada = stories.register("IC", "IC2");
        stories.open(ada, "2025-Q3");
        stories.evidence(ada, "2025-Q3", "Work at IC2", "IC2");
        long before = eventCount(ada);

        JsonNode refused = problem(http.post(quarters(ada) + "/2025-Q3/assessment", """
                {"operatingLevel":"IC3","rationale":"Operated at IC3"}"""), 409, "assessment-needs-evidence");
        assertThat(refused.get("detail").asText()).contains("demonstrates IC3 or above", "IC2");
        assertThat(eventCount(ada)).isEqualTo(before);

        stories.evidence(ada, "2025-Q3", "Work at IC3", "IC3");
        stories.assess(ada, "2025-Q3", "IC3");
    }

    // --- 6, 7. track switches -------------------------------------------------------------------------

    @Test
    void a_round_trip_between_tracks_returns_the_level_held() {
        String ada = stories.register("IC", "IC6");
        JsonNode toManager = switchTrack(ada, "MANAGER", null, 201);
        assertThat(toManager.get("toLevel").asText()).isEqualTo("M3");
        JsonNode back = switchTrack(ada, "IC", null, 201);
        assertThat(back.get("fromLevel").asText()).isEqualTo("M3");
        assertThat(back.get("toLevel").asText()).isEqualTo("IC6");
        assertThat(stories.ok(http.get("/api/people/" + ada), 200).get("level").asText()).isEqualTo("IC6");
    }

    @Test
    void an_ambiguous_switch_is_refused_with_its_candidates_unless_one_is_named() {
        String dana = stories.register("MANAGER", "M3");
        JsonNode refused = problem(http.post("/api/people/" + dana + "/track-switches", """
                {"targetTrack":"IC","rationale":"Back to building"}"""), 409, "ambiguous-equivalent-level");
        assertThat(refused.get("detail").asText()).contains("IC5 and IC6", "targetLevel");

        problem(http.post("/api/people/" + dana + "/track-switches", """
                {"targetTrack":"IC","rationale":"Back to building","targetLevel":"IC4"}"""), 409, "not-an-equivalent-level");
        assertThat(switchTrack(dana, "IC", "IC5", 201).get("toLevel").asText()).isEqualTo("IC5");
    }

    @Test
    void an_open_quarter_moves_with_a_switch_and_is_assessed_on_the_new_ladder() {
        String lee = stories.register("IC", "IC3");
        stories.open(lee, "2025-Q4");
        stories.evidence(lee, "2025-Q4", "Work at IC4", "IC4");
        switchTrack(lee, "MANAGER", null, 201);

        JsonNode quarter = stories.ok(http.get(quarters(lee) + "/2025-Q4"), 200);
        assertThat(quarter.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(quarter.get("targetLevel").asText()).isEqualTo("M2");
        problem(http.post(quarters(lee) + "/2025-Q4/assessment", """
                {"operatingLevel":"IC4","rationale":"Operated at IC4"}"""), 400, null);
        stories.assess(lee, "2025-Q4", "M2");
        assertThat(stories.ok(http.get(quarters(lee) + "/2025-Q4"), 200).get("assessment").get("atNextLevel").asBoolean()).isTrue();
    }

    // --- 8. back-filled quarters --------------------------------------------------------------------

    @Test
    void a_quarter_backfilled_after_a_promotion_is_held_at_the_level_of_its_day() {
        String ada = stories.register("IC", "IC2");
        stories.quarterAt(ada, "2025-Q1", "IC3");
        stories.quarterAt(ada, "2025-Q2", "IC3");
        stories.ok(http.post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters at IC3"}"""), 201);

        stories.open(ada, "2024-Q3");

        JsonNode quarter = stories.ok(http.get(quarters(ada) + "/2024-Q3"), 200);
        // registered (and so at IC2) until today's promotion: 2024-Q3 was worked at IC2
        assertThat(quarter.get("levelHeld").asText()).isEqualTo("IC2");
        assertThat(quarter.get("targetLevel").asText()).isEqualTo("IC3");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private JsonNode switchTrack(String person, String track, String level, int status) {
        String body = level == null ? "{\"targetTrack\":\"%s\",\"rationale\":\"Role change\"}".formatted(track)
                : "{\"targetTrack\":\"%s\",\"rationale\":\"Role change\",\"targetLevel\":\"%s\"}".formatted(track, level);
        return stories.ok(http.post("/api/people/" + person + "/track-switches", body), status);
    }

    private long eventCount(String person) {
        return stories.ok(http.get("/api/people/" + person + "/events?size=1"), 200).get("total").asLong();
    }

    private static String quarters(String person) {
        return "/api/people/" + person + "/quarters";
    }

    private static JsonNode problem(Http.Response r, int status, String rule) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        if (rule != null) {
            assertThat(r.json().get("type").asText()).endsWith("/problems/" + rule);
        }
        return r.json();
    }
}
