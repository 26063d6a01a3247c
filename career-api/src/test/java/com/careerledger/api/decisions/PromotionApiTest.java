package com.careerledger.api.decisions;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.RecordQuarterOutcome;
import com.careerledger.domain.shared.YearQuarter;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promotions over HTTP. The assessed quarters are fed to the Person through its receiving command
 * (RecordQuarterOutcome), the same one the quarter assessments send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PromotionApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    private UUID assessed(String personId, String quarter, String level) {
        UUID assessmentId = UUID.randomUUID();
        commandGateway.sendAndWait(new RecordQuarterOutcome(UUID.fromString(personId), YearQuarter.parse(quarter),
                new LevelCode(level), assessmentId));
        return assessmentId;
    }

    @Test
    void a_promotion_without_sustained_quarters_is_a_409_problem_naming_the_quarters_and_what_is_missing() {
        String id = stories.register("IC2");
        assessed(id, "2026-Q1", "IC3");

        Http.Response refused = http.post("/api/people/" + id + "/promotions", """
                {"targetLevel":"IC3","rationale":"Led the checkout redesign"}""");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asText()).endsWith("/problems/promotion-not-sustained");
        assertThat(problem.get("detail").asText()).contains("2026-Q1 at IC3", "missing", "only 1 assessed quarter");
    }

    @Test
    void a_sustained_promotion_is_a_201_decision_with_its_basis() {
        String id = stories.register("IC2");
        UUID q1 = assessed(id, "2026-Q1", "IC3");
        UUID q2 = assessed(id, "2026-Q2", "IC3");

        Http.Response decided = http.post("/api/people/" + id + "/promotions", """
                {"targetLevel":"IC3","rationale":"Two quarters driving business impact","decidedBy":"someone-else"}""");

        assertThat(decided.status()).isEqualTo(201);
        JsonNode decision = decided.json();
        assertThat(decided.header("Location")).endsWith("/api/promotions/" + decision.get("decisionId").asText());
        assertThat(decision.get("personId").asText()).isEqualTo(id);
        assertThat(decision.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(decision.get("from").asText()).isEqualTo("IC2");
        assertThat(decision.get("to").asText()).isEqualTo("IC3");
        assertThat(decision.get("basis").findValuesAsText("quarter")).containsExactly("2026-Q1", "2026-Q2");
        assertThat(decision.get("basis").findValuesAsText("assessmentId")).containsExactly(q1.toString(), q2.toString());
        assertThat(decision.get("basis").findValuesAsText("operatingLevel")).containsExactly("IC3", "IC3");
        assertThat(decision.get("policy").get("requiredQuarters").asInt()).isEqualTo(2);
        assertThat(decision.get("framework").get("id").asText()).isEqualTo("career-ladder");
        assertThat(decision.get("framework").get("hash").asText()).hasSize(64);
        // the decider is the acting principal, never a field of the request
        assertThat(decision.get("decidedBy").asText()).isEqualTo(http.actorId());
        assertThat(decision.get("decidedAt").asText()).isNotBlank();
        // every field is present; what does not apply is null (docs/decisions/0012)
        assertThat(decision.get("override").isNull()).isTrue();

        assertThat(http.get("/api/people/" + id).json().get("level").asText()).isEqualTo("IC3");
    }

    @Test
    void an_override_needs_a_justification_and_is_recorded_as_an_override() {
        String id = stories.register("IC1");

        Http.Response unjustified = http.post("/api/people/" + id + "/promotions", """
                {"targetLevel":"IC2","rationale":"Exceptional","override":{"justification":" "}}""");
        assertThat(unjustified.status()).isEqualTo(400);

        Http.Response overridden = http.post("/api/people/" + id + "/promotions", """
                {"targetLevel":"IC2","rationale":"Exceptional","override":{"justification":"Retention risk, committee vote 5-0"}}""");
        assertThat(overridden.status()).isEqualTo(201);
        assertThat(overridden.json().get("override").get("justification").asText()).isEqualTo("Retention risk, committee vote 5-0");
    }

    @Test
    void a_track_switch_maps_the_level_and_is_not_a_promotion() {
        String id = stories.register("IC3");

        Http.Response switched = http.post("/api/people/" + id + "/track-switches", """
                {"targetTrack":"MANAGER","rationale":"Wants to grow a team"}""");

        assertThat(switched.status()).isEqualTo(201);
        assertThat(switched.json().get("kind").asText()).isEqualTo("TRACK_SWITCH");
        assertThat(switched.json().get("fromTrack").asText()).isEqualTo("IC");
        assertThat(switched.json().get("fromLevel").asText()).isEqualTo("IC3");
        assertThat(switched.json().get("toTrack").asText()).isEqualTo("MANAGER");
        assertThat(switched.json().get("toLevel").asText()).isEqualTo("M1");
        JsonNode person = http.get("/api/people/" + id).json();
        assertThat(person.get("track").asText()).isEqualTo("MANAGER");
        assertThat(person.get("title").asText()).isEqualTo("Engineering Manager");
    }

    @Test
    void a_switch_without_an_equivalent_level_is_a_409_problem() {
        String id = stories.register("IC1");

        Http.Response refused = http.post("/api/people/" + id + "/track-switches", """
                {"targetTrack":"MANAGER","rationale":"Wants to manage"}""");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/problems/no-equivalent-level");
    }

    @Test
    void a_downward_correction_is_a_201_demotion_and_the_person_shows_the_corrected_level() {
        String id = stories.register("IC3");

        Http.Response corrected = http.post("/api/people/" + id + "/level-corrections", """
                {"level":"IC2","reason":"Registered at the wrong level"}""");

        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("kind").asText()).isEqualTo("DEMOTION");
        assertThat(http.get("/api/people/" + id).json().get("level").asText()).isEqualTo("IC2");
    }

    @Test
    void a_manager_is_assigned_and_a_cycle_is_refused() {
        String lead = stories.register("IC4");
        String report = stories.register("IC2");

        Http.Response assigned = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/people/" + report + "/manager"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"managerId\":\"" + lead + "\"}")));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json().get("managerId").asText()).isEqualTo(lead);

        Http.Response cycle = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/people/" + lead + "/manager"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"managerId\":\"" + report + "\"}")));
        assertThat(cycle.status()).isEqualTo(409);
        assertThat(cycle.json().get("type").asText()).endsWith("/problems/management-cycle");
    }

    @Test
    void a_promotion_of_an_unknown_person_is_a_404_problem() {
        Http.Response response = http.post("/api/people/" + UUID.randomUUID() + "/promotions", """
                {"targetLevel":"IC3","rationale":"x"}""");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
