package com.careerledger.api.quarters;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.QuarterDates;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A career told through the API: quarters, goals, the Win Log, assessments, and the promotion they earn. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuarterScenarioTest {

    @LocalServerPort
    int port;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    Http.Response open(String person, String quarter) {
        return http.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}");
    }

    Http.Response goal(String person, String quarter, String title) {
        return http.post("/api/people/" + person + "/quarters/" + quarter + "/goals", """
                {"title":"%s","description":"Next-level scope","dimension":"IMPACT","measure":"p95 under 200 ms"}""".formatted(title));
    }

    Http.Response evidence(String person, String quarter, String level) {
        return http.post("/api/people/" + person + "/quarters/" + quarter + "/evidence", """
                {"title":"Led the API redesign","description":"Three teams","impact":"p95 800ms to 200ms",
                 "dimension":"IMPACT","demonstratesLevel":"%s","occurredOn":"%s","link":"https://wiki.example.com/adr/42"}"""
                .formatted(level, QuarterDates.occurredOn(quarter)));
    }

    Http.Response assess(String person, String quarter, String level) {
        return http.post("/api/people/" + person + "/quarters/" + quarter + "/assessment", """
                {"operatingLevel":"%s","rationale":"Operated at %s across the quarter"}""".formatted(level, level));
    }

    Http.Response promote(String person, String level) {
        return http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Sustained next-level impact"}""".formatted(level));
    }

    @Test
    void logged_evidence_is_answered_as_stored_the_entry_the_quarter_shows() {
        String ada = stories.register("IC2");
        assertThat(open(ada, "2026-Q1").status()).isEqualTo(201);

        Http.Response logged = http.post("/api/people/" + ada + "/quarters/2026-Q1/evidence", """
                {"title":"  Led the API redesign ","description":"   ","impact":" p95 800ms to 200ms ",
                 "dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"%s",
                 "link":"https://wiki.example.com/adr/42",
                 "links":["https://wiki.example.com/adr/42","https://git.example.com/pr/7"]}"""
                .formatted(QuarterDates.occurredOn("2026-Q1")));

        assertThat(logged.status()).isEqualTo(201);
        assertThat(logged.json().get("title").asText()).isEqualTo("Led the API redesign");
        assertThat(logged.json().get("description").isNull()).isTrue();
        assertThat(logged.json().get("links")).hasSize(2);
        JsonNode inQuarter = http.get("/api/people/" + ada + "/quarters/2026-Q1").json().get("evidence").get(0);
        assertThat(logged.json()).isEqualTo(inQuarter);
    }

    @Test
    void two_quarters_assessed_at_the_next_level_earn_the_promotion_with_both_in_its_basis() {
        String ada = stories.register("IC2");
        assertThat(open(ada, "2026-Q1").status()).isEqualTo(201);
        assertThat(goal(ada, "2026-Q1", "Lead API redesign").status()).isEqualTo(201);
        assertThat(goal(ada, "2026-Q1", "Mentor two IC1s").status()).isEqualTo(201);
        assertThat(evidence(ada, "2026-Q1", "IC3").status()).isEqualTo(201);
        Http.Response q1 = assess(ada, "2026-Q1", "IC3");
        assertThat(q1.status()).isEqualTo(201);
        assertThat(q1.json().get("status").asText()).isEqualTo("ASSESSED");
        assertThat(open(ada, "2026-Q2").status()).isEqualTo(201);
        assertThat(evidence(ada, "2026-Q2", "IC3").status()).isEqualTo(201);
        assertThat(assess(ada, "2026-Q2", "IC3").status()).isEqualTo(201);

        Http.Response promoted = promote(ada, "IC3");

        assertThat(promoted.status()).isEqualTo(201);
        JsonNode basis = promoted.json().get("basis");
        assertThat(basis.findValuesAsText("quarter")).containsExactly("2026-Q1", "2026-Q2");
        assertThat(basis.findValuesAsText("assessmentId")).containsExactly(
                q1.json().get("assessment").get("assessmentId").asText(),
                http.get("/api/people/" + ada + "/quarters/2026-Q2").json().get("assessment").get("assessmentId").asText());
    }

    @Test
    void the_same_story_with_the_second_quarter_assessed_below_is_refused() {
        String ada = stories.register("IC2");
        open(ada, "2026-Q1");
        goal(ada, "2026-Q1", "Lead API redesign");
        goal(ada, "2026-Q1", "Mentor two IC1s");
        evidence(ada, "2026-Q1", "IC3");
        assess(ada, "2026-Q1", "IC3");
        open(ada, "2026-Q2");
        evidence(ada, "2026-Q2", "IC3");
        assertThat(assess(ada, "2026-Q2", "IC2").status()).isEqualTo(201);

        Http.Response refused = promote(ada, "IC3");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/problems/promotion-not-sustained");
        assertThat(refused.json().get("detail").asText()).contains("2026-Q2 was assessed at IC2");
    }

    @Test
    void a_promotion_sent_right_after_the_second_assessment_returns_sees_it_fifty_times_in_a_row() {
        for (int run = 0; run < 50; run++) {
            String person = stories.register("IC1");
            open(person, "2025-Q4");
            evidence(person, "2025-Q4", "IC2");
            assertThat(assess(person, "2025-Q4", "IC2").status()).isEqualTo(201);
            open(person, "2026-Q1");
            evidence(person, "2026-Q1", "IC2");
            assertThat(assess(person, "2026-Q1", "IC2").status()).isEqualTo(201);

            Http.Response promoted = promote(person, "IC2");

            assertThat(promoted.status()).as("run %d: %s", run, promoted.body()).isEqualTo(201);
            assertThat(promoted.json().get("basis").findValuesAsText("quarter")).containsExactly("2025-Q4", "2026-Q1");
        }
    }

    @Test
    void a_quarter_shows_its_goals_evidence_feedback_and_assessment_and_the_list_is_newest_first() {
        String ada = stories.register("IC2");
        open(ada, "2026-Q1");
        String goalId = goal(ada, "2026-Q1", "Own checkout v2").json().get("goalId").asText();
        Http.Response progress = http.post("/api/people/" + ada + "/quarters/2026-Q1/goals/" + goalId + "/progress",
                "{\"status\":\"AT_RISK\",\"note\":\"Blocked on payments\"}");
        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.json().get("progress").get("status").asText()).isEqualTo("AT_RISK");
        String evidenceId = evidence(ada, "2026-Q1", "IC3").json().get("evidenceId").asText();
        Http.Response feedback = http.post("/api/people/" + ada + "/quarters/2026-Q1/feedback",
                "{\"relationship\":\"PEER\",\"text\":\"Unblocked three teams\",\"signalsLevel\":\"IC3\"}");
        assertThat(feedback.status()).isEqualTo(201);
        assertThat(feedback.json().get("givenBy").asText()).isEqualTo(http.actorId());
        assess(ada, "2026-Q1", "IC3");
        open(ada, "2026-Q2");

        Http.Response fetched = http.get("/api/people/" + ada + "/quarters/2026-Q1");

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).matches("\"\\d+\"");
        JsonNode q = fetched.json();
        assertThat(q.get("personId").asText()).isEqualTo(ada);
        assertThat(q.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(q.get("status").asText()).isEqualTo("ASSESSED");
        assertThat(q.get("levelHeld").asText()).isEqualTo("IC2");
        assertThat(q.get("targetLevel").asText()).isEqualTo("IC3");
        assertThat(q.get("goals").get(0).get("goalId").asText()).isEqualTo(goalId);
        assertThat(q.get("evidence").get(0).get("evidenceId").asText()).isEqualTo(evidenceId);
        assertThat(q.get("feedback").get(0).get("relationship").asText()).isEqualTo("PEER");
        assertThat(q.get("assessment").get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(q.get("assessment").get("assessedBy").asText()).isEqualTo(http.actorId());
        assertThat(q.get("version").asLong()).isPositive();

        JsonNode list = http.get("/api/people/" + ada + "/quarters").json();
        assertThat(list.get("items").findValuesAsText("quarter")).containsExactly("2026-Q2", "2026-Q1");
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("page").asInt()).isZero();
    }

    @Test
    void the_rules_of_a_quarter_answer_as_problems() {
        String ada = stories.register("IC2");
        open(ada, "2026-Q1");

        assertThat(open(ada, "2026-Q1").status()).isEqualTo(409);
        assertThat(open(ada, "2026-Q5").status()).isEqualTo(400);
        assertThat(http.get("/api/people/" + ada + "/quarters/2026-Q9").status()).isEqualTo(400);
        assertThat(http.get("/api/people/" + ada + "/quarters/2027-Q1").status()).isEqualTo(404);
        assertThat(open(UUID.randomUUID().toString(), "2026-Q1").status()).isEqualTo(404);

        goal(ada, "2026-Q1", "one");
        goal(ada, "2026-Q1", "two");
        String third = goal(ada, "2026-Q1", "three").json().get("goalId").asText();
        Http.Response fourth = goal(ada, "2026-Q1", "four");
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.json().get("type").asText()).endsWith("/problems/goal-limit-reached");
        assertThat(http.post("/api/people/" + ada + "/quarters/2026-Q1/goals/" + third + "/drop",
                "{\"reason\":\"Deprioritised\"}").status()).isEqualTo(200);
        assertThat(goal(ada, "2026-Q1", "four").status()).isEqualTo(201);

        Http.Response unsupported = assess(ada, "2026-Q1", "IC3");
        assertThat(unsupported.status()).isEqualTo(409);
        assertThat(unsupported.json().get("type").asText()).endsWith("/problems/assessment-needs-evidence");

        String evidenceId = evidence(ada, "2026-Q1", "IC3").json().get("evidenceId").asText();
        assertThat(http.post("/api/people/" + ada + "/quarters/2026-Q1/evidence/" + evidenceId + "/retraction",
                "{\"reason\":\"Logged in the wrong quarter\"}").json().get("retracted").asBoolean()).isTrue();
        assertThat(assess(ada, "2026-Q1", "IC3").status()).isEqualTo(409);
        assertThat(assess(ada, "2026-Q1", "IC2").status()).isEqualTo(201);

        Http.Response late = evidence(ada, "2026-Q1", "IC3");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asText()).endsWith("/problems/quarter-closed");
        assertThat(http.post("/api/people/" + ada + "/quarters/2026-Q1/reopen", "{\"reason\":\" \"}").status()).isEqualTo(400);
    }

    @Test
    void an_amended_assessment_replaces_the_outcome_in_the_persons_record() {
        String ada = stories.register("IC2");
        for (String q : new String[]{"2026-Q1", "2026-Q2"}) {
            open(ada, q);
            evidence(ada, q, "IC3");
            assess(ada, q, "IC3");
        }
        Http.Response reopened = http.post("/api/people/" + ada + "/quarters/2026-Q2/reopen",
                "{\"reason\":\"Calibration moved Q2 down\"}");
        assertThat(reopened.status()).isEqualTo(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("OPEN");
        Http.Response amended = assess(ada, "2026-Q2", "IC2");
        assertThat(amended.status()).isEqualTo(201);
        assertThat(amended.json().get("assessment").get("amendsAssessmentId").asText()).isNotBlank();

        assertThat(promote(ada, "IC3").status()).isEqualTo(409);
    }
}
