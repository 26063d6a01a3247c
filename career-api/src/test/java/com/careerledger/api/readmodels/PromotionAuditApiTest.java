package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.careerledger.api.testsupport.CareerStories.assessmentId;
import static org.assertj.core.api.Assertions.assertThat;

/** The promotion audit over HTTP: decisions made through the API, read back with their full basis. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromotionAuditApiTest {

    @LocalServerPort
    int port;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    /** The audited decision, once the read model has it. */
    private JsonNode audited(String decisionId) {
        return Eventually.await("decision " + decisionId + " in the audit",
                () -> http.get("/api/promotions/" + decisionId), r -> r.status() == 200).json();
    }

    private JsonNode list(String query, int expectedTotal) {
        return Eventually.await("audit list " + query,
                () -> http.get("/api/promotions?" + query),
                r -> r.status() == 200 && r.json().get("total").asInt() == expectedTotal).json();
    }

    private static String instant(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void a_promotion_shows_both_basis_quarters_with_assessments_and_evidence_even_after_a_retraction() {
        String ada = stories.register("IC2");
        stories.open(ada, "2026-Q1");
        String e1 = stories.evidence(ada, "2026-Q1", "Led the API redesign", "IC3", "IMPACT");
        String e2 = stories.evidence(ada, "2026-Q1", "Mentored two IC1s", "IC3", "MENTORSHIP");
        String a1 = assessmentId(stories.assess(ada, "2026-Q1", "IC3", "Owned the redesign end to end"));
        stories.open(ada, "2026-Q2");
        String e3 = stories.evidence(ada, "2026-Q2", "Ran the checkout migration", "IC3", "OWNERSHIP");
        String a2 = assessmentId(stories.assess(ada, "2026-Q2", "IC3", "Drove the migration across teams"));

        JsonNode posted = stories.created("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters of next-level impact"}""");
        String decisionId = posted.get("decisionId").asText();
        JsonNode before = audited(decisionId);

        // later, Q2 is reopened and one of its entries retracted: the decision still shows what it rested on, and
        // that this basis quarter changed
        assertThat(http.post("/api/people/" + ada + "/quarters/2026-Q2/reopen",
                "{\"reason\":\"Calibration review\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/people/" + ada + "/quarters/2026-Q2/evidence/" + e3 + "/retraction",
                "{\"reason\":\"Belongs to another team\"}").status()).isEqualTo(200);
        // a later decision of the same person is handled after the retraction (one person's events are in order)
        String later = stories.created("/api/people/" + ada + "/level-corrections", """
                {"level":"IC4","reason":"Calibration moved Ada up"}""").get("decisionId").asText();
        audited(later);

        JsonNode d = http.get("/api/promotions/" + decisionId).json();
        assertThat(d.get("basis").findValuesAsText("evidenceId")).isEqualTo(before.get("basis").findValuesAsText("evidenceId"));
        assertThat(d.get("basis").findValuesAsText("operatingLevel")).containsExactly("IC3", "IC3");
        assertThat(d.get("basis").findValuesAsText("changed")).containsExactly("false", "true");
        assertThat(d.get("basisChanges")).hasSize(1);
        assertThat(d.get("basisChanges").get(0).get("quarter").asText()).isEqualTo("2026-Q2");
        assertThat(d.get("basisChanges").get(0).get("change").asText()).isEqualTo("WITHDRAWN");
        assertThat(d.get("basisStillHolds").asBoolean()).isFalse();
        for (String unchanged : List.of("decisionId", "personId", "kind", "from", "to", "policy", "framework", "rationale",
                "decidedBy", "decidedAt")) {
            assertThat(d.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
        assertThat(d.get("decisionId").asText()).isEqualTo(decisionId);
        assertThat(d.get("personId").asText()).isEqualTo(ada);
        assertThat(d.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(d.get("from").asText()).isEqualTo("IC2");
        assertThat(d.get("to").asText()).isEqualTo("IC3");
        assertThat(d.get("rationale").asText()).isEqualTo("Two quarters of next-level impact");
        assertThat(d.get("decidedBy").asText()).isEqualTo(http.actorId());
        assertThat(Instant.parse(d.get("decidedAt").asText())).isEqualTo(Instant.parse(posted.get("decidedAt").asText()));
        assertThat(d.get("policy").get("requiredQuarters").asInt()).isEqualTo(2);
        assertThat(d.get("framework").get("id").asText()).isEqualTo("career-ladder");
        assertThat(d.get("framework").get("version").asInt()).isEqualTo(posted.get("framework").get("version").asInt());
        assertThat(d.get("framework").get("hash").asText()).hasSize(64)
                .isEqualTo(posted.get("framework").get("hash").asText());
        assertThat(d.get("override").isNull()).isTrue();

        JsonNode basis = d.get("basis");
        assertThat(basis).hasSize(2);
        JsonNode q1 = basis.get(0);
        assertThat(q1.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(q1.get("assessmentId").asText()).isEqualTo(a1);
        assertThat(q1.get("assessedBy").asText()).isEqualTo(http.actorId());
        assertThat(q1.get("assessedAt").asText()).isNotBlank();
        assertThat(q1.get("rationale").asText()).isEqualTo("Owned the redesign end to end");
        assertThat(q1.get("evidence").findValuesAsText("evidenceId")).containsExactly(e1, e2);
        assertThat(q1.get("evidence").findValuesAsText("title")).containsExactly("Led the API redesign", "Mentored two IC1s");
        assertThat(q1.get("evidence").findValuesAsText("dimension")).containsExactly("IMPACT", "MENTORSHIP");
        assertThat(q1.get("evidence").findValuesAsText("demonstratesLevel")).containsExactly("IC3", "IC3");
        JsonNode q2 = basis.get(1);
        assertThat(q2.get("quarter").asText()).isEqualTo("2026-Q2");
        assertThat(q2.get("assessmentId").asText()).isEqualTo(a2);
        assertThat(q2.get("rationale").asText()).isEqualTo("Drove the migration across teams");
        assertThat(q2.get("evidence").findValuesAsText("evidenceId")).containsExactly(e3);
        assertThat(q2.get("evidence").findValuesAsText("title")).containsExactly("Ran the checkout migration");

        // the POST answer and the audit agree on every field the POST has
        for (String field : List.of("decisionId", "personId", "kind", "from", "to", "policy", "framework",
                "rationale", "decidedBy")) {
            assertThat(d.get(field)).as(field).isEqualTo(posted.get(field));
        }
    }

    @Test
    void evidence_retracted_before_the_decision_is_not_in_its_basis() {
        String bo = stories.register("IC1");
        stories.open(bo, "2025-Q4");
        String kept = stories.evidence(bo, "2025-Q4", "Shipped the importer", "IC2", "CRAFT");
        String dropped = stories.evidence(bo, "2025-Q4", "Logged twice", "IC2", "CRAFT");
        assertThat(http.post("/api/people/" + bo + "/quarters/2025-Q4/evidence/" + dropped + "/retraction",
                "{\"reason\":\"Duplicate\"}").status()).isEqualTo(200);
        stories.assess(bo, "2025-Q4", "IC2", "Owned the importer");
        stories.open(bo, "2026-Q1");
        stories.evidence(bo, "2026-Q1", "Owned on-call", "IC2", "OWNERSHIP");
        stories.assess(bo, "2026-Q1", "IC2", "Ran on-call");

        String decisionId = stories.created("/api/people/" + bo + "/promotions", """
                {"targetLevel":"IC2","rationale":"Sustained"}""").get("decisionId").asText();

        JsonNode q = audited(decisionId).get("basis").get(0);
        assertThat(q.get("quarter").asText()).isEqualTo("2025-Q4");
        assertThat(q.get("evidence").findValuesAsText("evidenceId")).containsExactly(kept);
    }

    @Test
    void an_override_shows_its_justification() {
        String cy = stories.register("IC1");

        JsonNode posted = stories.created("/api/people/" + cy + "/promotions", """
                {"targetLevel":"IC2","rationale":"Exceptional","override":{"justification":"Retention risk, committee vote 5-0"}}""");

        JsonNode d = audited(posted.get("decisionId").asText());
        assertThat(d.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(d.get("override").get("justification").asText()).isEqualTo("Retention risk, committee vote 5-0");
        assertThat(d.get("basis")).isEmpty();
        assertThat(d.get("decidedBy").asText()).isEqualTo(http.actorId());
    }

    @Test
    void corrections_and_track_switches_are_listed_newest_first_filtered_by_person_and_time_and_paged() {
        String dee = stories.register("IC3");
        JsonNode correction = stories.created("/api/people/" + dee + "/level-corrections", """
                {"level":"IC4","reason":"Registered a level too low"}""");
        JsonNode demotion = stories.created("/api/people/" + dee + "/level-corrections", """
                {"level":"IC3","reason":"Calibration reversed the correction"}""");
        JsonNode switched = stories.created("/api/people/" + dee + "/track-switches", """
                {"targetTrack":"MANAGER","rationale":"Wants to grow a team"}""");
        String other = stories.register("IC1");
        stories.created("/api/people/" + other + "/level-corrections", """
                {"level":"IC2","reason":"Someone else's decision"}""");

        JsonNode all = list("personId=" + dee, 3);
        List<String> ids = new ArrayList<>(all.get("items").findValuesAsText("decisionId"));
        assertThat(ids).containsExactly(switched.get("decisionId").asText(), demotion.get("decisionId").asText(),
                correction.get("decisionId").asText());
        assertThat(all.get("items").findValuesAsText("kind")).containsExactly("TRACK_SWITCH", "DEMOTION", "CORRECTION");
        assertThat(all.get("page").asInt()).isZero();
        assertThat(all.get("size").asInt()).isEqualTo(50);

        JsonNode sw = all.get("items").get(0);
        assertThat(sw.get("fromTrack").asText()).isEqualTo("IC");
        assertThat(sw.get("fromLevel").asText()).isEqualTo("IC3");
        assertThat(sw.get("toTrack").asText()).isEqualTo("MANAGER");
        assertThat(sw.get("toLevel").asText()).isEqualTo("M1");
        assertThat(sw.get("from").asText()).isEqualTo("IC3");
        assertThat(sw.get("to").asText()).isEqualTo("M1");
        assertThat(sw.get("carriedOver")).isEmpty();
        assertThat(sw.get("framework").get("hash").asText()).hasSize(64);
        assertThat(sw.get("rationale").asText()).isEqualTo("Wants to grow a team");
        JsonNode fix = all.get("items").get(2);
        assertThat(fix.get("from").asText()).isEqualTo("IC3");
        assertThat(fix.get("to").asText()).isEqualTo("IC4");
        assertThat(fix.get("rationale").asText()).isEqualTo("Registered a level too low");
        assertThat(fix.get("basis")).isEmpty();

        // paging
        JsonNode second = http.get("/api/promotions?personId=" + dee + "&page=1&size=2").json();
        assertThat(second.get("items").findValuesAsText("decisionId")).containsExactly(correction.get("decisionId").asText());
        assertThat(second.get("total").asInt()).isEqualTo(3);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);

        // from inclusive, to exclusive
        String window = "personId=" + dee + "&from=" + instant(correction.get("decidedAt").asText())
                + "&to=" + instant(switched.get("decidedAt").asText());
        assertThat(http.get("/api/promotions?" + window).json().get("items").findValuesAsText("decisionId"))
                .containsExactly(demotion.get("decisionId").asText(), correction.get("decisionId").asText());
        String fromSwitch = "personId=" + dee + "&from=" + instant(switched.get("decidedAt").asText());
        assertThat(http.get("/api/promotions?" + fromSwitch).json().get("items").findValuesAsText("decisionId"))
                .containsExactly(switched.get("decisionId").asText());

        // a time window alone, across everyone
        Instant at = Instant.parse(demotion.get("decidedAt").asText());
        JsonNode instantOnly = http.get("/api/promotions?from=" + instant(at.toString())
                + "&to=" + instant(at.plusNanos(1_000).toString())).json();
        assertThat(instantOnly.get("items").findValuesAsText("decisionId")).containsExactly(demotion.get("decisionId").asText());
    }

    @Test
    void a_rebuild_from_the_events_reproduces_the_same_decisions_including_a_basis_whose_evidence_was_retracted_since() {
        String eve = stories.register("IC2");
        stories.open(eve, "2026-Q1");
        stories.evidence(eve, "2026-Q1", "Designed the event store", "IC3", "CRAFT");
        stories.assess(eve, "2026-Q1", "IC3", "Craft at IC3");
        stories.open(eve, "2026-Q2");
        String retracted = stories.evidence(eve, "2026-Q2", "Ran the game day", "IC3", "OWNERSHIP");
        stories.assess(eve, "2026-Q2", "IC3", "Ownership at IC3");
        stories.created("/api/people/" + eve + "/promotions", """
                {"targetLevel":"IC3","rationale":"Sustained"}""");
        http.post("/api/people/" + eve + "/quarters/2026-Q2/reopen", "{\"reason\":\"Review\"}");
        http.post("/api/people/" + eve + "/quarters/2026-Q2/evidence/" + retracted + "/retraction", "{\"reason\":\"Not hers\"}");
        stories.created("/api/people/" + eve + "/track-switches", """
                {"targetTrack":"MANAGER","rationale":"Leads the team"}""");
        JsonNode before = list("personId=" + eve, 2);
        assertThat(before.get("items").get(1).get("basis").get(1).get("evidence").findValuesAsText("evidenceId"))
                .containsExactly(retracted);

        ReadModels.rebuildAndAwait(http, com.careerledger.projections.audit.PromotionAuditProjection.PROCESSING_GROUP);

        JsonNode after = Eventually.await("the rebuilt audit", () -> http.get("/api/promotions?personId=" + eve).json(),
                page -> page.equals(before));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void bad_parameters_are_400_problems_and_an_unknown_decision_is_a_404_problem() {
        Http.Response badFrom = http.get("/api/promotions?from=yesterday");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badFrom.json().get("errors").findValuesAsText("field")).containsExactly("from");
        assertThat(http.get("/api/promotions?to=2026-13-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(http.get("/api/promotions?personId=nobody").status()).isEqualTo(400);
        assertThat(http.get("/api/promotions?size=201").status()).isEqualTo(400);
        assertThat(http.get("/api/promotions?size=0").status()).isEqualTo(400);
        assertThat(http.get("/api/promotions?page=-1").status()).isEqualTo(400);

        Http.Response unknown = http.get("/api/promotions/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("type").asText()).endsWith("/problems/not-found");
        assertThat(http.get("/api/promotions/not-a-uuid").status()).isEqualTo(400);
    }
}
