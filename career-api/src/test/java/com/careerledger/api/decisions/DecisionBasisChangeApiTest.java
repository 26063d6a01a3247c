package com.careerledger.api.decisions;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static com.careerledger.api.testsupport.CareerStories.assessmentId;
import static com.careerledger.api.testsupport.CareerStories.quarterPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision stays as decided, and its audit shows what became of its basis since: a basis quarter reopened
 * (its assessment withdrawn) or re-assessed, by whom, when, and whether the decision would still hold. Quarters
 * the decision counted at their equivalent on the other track read "IC4 (mapped to M2)".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecisionBasisChangeApiTest {

    @LocalServerPort
    int port;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    @Test
    void a_reopened_basis_quarter_shows_as_withdrawn_and_a_reassessment_below_the_level_as_no_longer_holding() {
        String ada = stories.register("IC2");
        String q1Assessment = assessmentId(stories.quarterAt(ada, "2025-Q1", "IC3"));
        stories.quarterAt(ada, "2025-Q2", "IC3");
        JsonNode posted = stories.ok(http.post("/api/people/" + ada + "/promotions",
                "{\"targetLevel\":\"IC3\",\"rationale\":\"Two quarters at IC3\"}"), 201);
        String decisionId = posted.get("decisionId").asText();
        JsonNode decided = audited(decisionId, d -> true);
        assertThat(decided.get("basisChanges")).isEmpty();
        assertThat(decided.get("basisStillHolds").asBoolean()).isTrue();
        assertThat(decided.get("basis").findValuesAsText("changed")).containsExactly("false", "false");

        Instant beforeReopen = Instant.now();
        stories.ok(http.post(quarterPath(ada, "2025-Q1") + "/reopen", "{\"reason\":\"Calibration review\"}"), 200);

        JsonNode withdrawn = audited(decisionId, d -> d.get("basisChanges").size() == 1);
        JsonNode change = withdrawn.get("basisChanges").get(0);
        assertThat(change.get("quarter").asText()).isEqualTo("2025-Q1");
        assertThat(change.get("change").asText()).isEqualTo("WITHDRAWN");
        assertThat(change.get("previousOperatingLevel").asText()).isEqualTo("IC3");
        assertThat(change.get("operatingLevel").isNull()).isTrue();
        assertThat(change.get("assessmentId").asText()).isEqualTo(q1Assessment);
        assertThat(change.get("changedBy").asText()).isEqualTo(http.actorId());
        assertThat(Instant.parse(change.get("changedAt").asText())).isAfterOrEqualTo(beforeReopen.minusSeconds(1));
        assertThat(change.get("stillHolds").asBoolean()).isFalse();
        assertThat(withdrawn.get("basisStillHolds").asBoolean()).isFalse();
        assertStaysAsDecided(withdrawn, decided);

        stories.ok(http.post(quarterPath(ada, "2025-Q1") + "/assessment",
                "{\"operatingLevel\":\"IC1\",\"rationale\":\"Recalibrated down\"}"), 201);

        JsonNode reassessed = audited(decisionId, d -> d.get("basisChanges").size() == 2);
        JsonNode again = reassessed.get("basisChanges").get(1);
        assertThat(again.get("quarter").asText()).isEqualTo("2025-Q1");
        assertThat(again.get("change").asText()).isEqualTo("REASSESSED");
        assertThat(again.get("previousOperatingLevel").asText()).isEqualTo("IC3");
        assertThat(again.get("operatingLevel").asText()).isEqualTo("IC1");
        assertThat(again.get("assessmentId").asText()).isNotEqualTo(q1Assessment);
        assertThat(again.get("changedBy").asText()).isEqualTo(http.actorId());
        assertThat(again.get("stillHolds").asBoolean()).isFalse();
        assertThat(Instant.parse(again.get("changedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(change.get("changedAt").asText()));
        assertThat(reassessed.get("basisChanges").get(0)).isEqualTo(change);
        assertThat(reassessed.get("basisStillHolds").asBoolean()).isFalse();
        assertStaysAsDecided(reassessed, decided);

        // the list answers the same decision, changes included
        JsonNode listed = Eventually.await("the person's decisions", () -> http.get("/api/promotions?personId=" + ada).json(),
                page -> page.get("total").asInt() == 1);
        assertThat(listed.get("items").get(0)).isEqualTo(reassessed);
    }

    @Test
    void a_basis_quarter_reassessed_at_the_decisions_level_still_holds() {
        String bo = stories.register("IC2");
        stories.quarterAt(bo, "2025-Q3", "IC3");
        stories.quarterAt(bo, "2025-Q4", "IC3");
        String decisionId = stories.ok(http.post("/api/people/" + bo + "/promotions",
                "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained\"}"), 201).get("decisionId").asText();
        JsonNode decided = audited(decisionId, d -> true);

        stories.ok(http.post(quarterPath(bo, "2025-Q4") + "/reopen", "{\"reason\":\"Second look\"}"), 200);
        stories.ok(http.post(quarterPath(bo, "2025-Q4") + "/assessment",
                "{\"operatingLevel\":\"IC3\",\"rationale\":\"Confirmed at IC3\"}"), 201);

        JsonNode d = audited(decisionId, a -> a.get("basisChanges").size() == 2);
        assertThat(d.get("basisChanges").findValuesAsText("change")).containsExactly("WITHDRAWN", "REASSESSED");
        assertThat(d.get("basisChanges").findValuesAsText("stillHolds")).containsExactly("false", "true");
        assertThat(d.get("basisChanges").get(1).get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(d.get("basisStillHolds").asBoolean()).isTrue();
        assertThat(d.get("basis").findValuesAsText("quarter")).containsExactly("2025-Q3", "2025-Q4");
        assertThat(d.get("basis").findValuesAsText("changed")).containsExactly("false", "true");
        assertStaysAsDecided(d, decided);
    }

    @Test
    void quarters_assessed_on_the_other_track_read_as_mapped_in_the_decision_and_its_audit() {
        String cy = stories.register("IC3");
        stories.quarterAt(cy, "2025-Q1", "IC4");
        stories.quarterAt(cy, "2025-Q2", "IC4");
        JsonNode switched = stories.ok(http.post("/api/people/" + cy + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Leads the team now\"}"), 201);
        assertThat(switched.get("toLevel").asText()).isEqualTo("M1");
        JsonNode carried = switched.get("carriedOver");
        assertThat(carried.findValuesAsText("operatingLevel")).containsExactly("M2", "M2");
        assertThat(carried.findValuesAsText("mappedFrom")).containsExactly("IC4", "IC4");
        assertThat(carried.findValuesAsText("assessed")).containsExactly("IC4 (mapped to M2)", "IC4 (mapped to M2)");

        JsonNode posted = stories.ok(http.post("/api/people/" + cy + "/promotions",
                "{\"targetLevel\":\"M2\",\"rationale\":\"Two quarters at the M2 equivalent\"}"), 201);
        JsonNode postedBasis = posted.get("basis");
        assertThat(postedBasis.findValuesAsText("quarter")).containsExactly("2025-Q1", "2025-Q2");
        assertThat(postedBasis.findValuesAsText("operatingLevel")).containsExactly("M2", "M2");
        assertThat(postedBasis.findValuesAsText("mappedFrom")).containsExactly("IC4", "IC4");
        assertThat(postedBasis.findValuesAsText("assessed")).containsExactly("IC4 (mapped to M2)", "IC4 (mapped to M2)");

        JsonNode d = audited(posted.get("decisionId").asText(), a -> true);
        JsonNode q1 = d.get("basis").get(0);
        assertThat(q1.get("quarter").asText()).isEqualTo("2025-Q1");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("M2");
        assertThat(q1.get("mappedFrom").asText()).isEqualTo("IC4");
        assertThat(q1.get("assessed").asText()).isEqualTo("IC4 (mapped to M2)");
        assertThat(q1.get("assessedBy").asText()).isEqualTo(http.actorId());
        assertThat(q1.get("evidence").findValuesAsText("demonstratesLevel")).containsExactly("IC4");
        assertThat(d.get("basis").findValuesAsText("assessed")).containsExactly("IC4 (mapped to M2)", "IC4 (mapped to M2)");
        for (String field : List.of("quarter", "operatingLevel", "assessmentId", "mappedFrom", "assessed")) {
            assertThat(d.get("basis").findValuesAsText(field)).as(field).isEqualTo(postedBasis.findValuesAsText(field));
        }

        // the switch's own audit entry carries the mapped record too
        JsonNode sw = audited(switched.get("decisionId").asText(), a -> true);
        assertThat(sw.get("carriedOver").findValuesAsText("mappedFrom")).containsExactly("IC4", "IC4");

        // a quarter assessed on the person's own track reads as its level, without a mapping
        String dee = stories.register("IC2");
        stories.quarterAt(dee, "2025-Q1", "IC3");
        stories.quarterAt(dee, "2025-Q2", "IC3");
        JsonNode plain = stories.ok(http.post("/api/people/" + dee + "/promotions",
                "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained\"}"), 201);
        assertThat(plain.get("basis").findValuesAsText("assessed")).containsExactly("IC3", "IC3");
        JsonNode plainAudit = audited(plain.get("decisionId").asText(), a -> true);
        assertThat(plainAudit.get("basis").findValuesAsText("assessed")).containsExactly("IC3", "IC3");
        assertThat(plainAudit.get("basis").get(0).get("mappedFrom").isNull()).isTrue();
    }

    @Test
    void decisions_without_a_basis_say_it_still_holds_and_list_no_changes() {
        String eve = stories.register("IC3");
        String correction = stories.ok(http.post("/api/people/" + eve + "/level-corrections",
                "{\"level\":\"IC4\",\"reason\":\"Registered a level too low\"}"), 201).get("decisionId").asText();
        String sw = stories.ok(http.post("/api/people/" + eve + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Grows a team\"}"), 201).get("decisionId").asText();

        for (String id : List.of(correction, sw)) {
            JsonNode d = audited(id, a -> true);
            assertThat(d.get("basis")).as(id).isEmpty();
            assertThat(d.get("basisChanges")).as(id).isEmpty();
            assertThat(d.get("basisStillHolds").asBoolean()).as(id).isTrue();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** The decision itself, its basis quarters' outcomes and evidence, are as they were decided. */
    private static void assertStaysAsDecided(JsonNode now, JsonNode decided) {
        for (String field : List.of("decisionId", "personId", "kind", "from", "to", "policy", "framework",
                "rationale", "decidedBy", "decidedAt")) {
            assertThat(now.get(field)).as(field).isEqualTo(decided.get(field));
        }
        assertThat(now.get("basis")).hasSameSizeAs(decided.get("basis"));
        for (int i = 0; i < now.get("basis").size(); i++) {
            for (String field : List.of("quarter", "operatingLevel", "assessmentId", "assessedBy", "assessedAt",
                    "rationale", "evidence", "mappedFrom", "assessed")) {
                assertThat(now.get("basis").get(i).get(field)).as("basis " + i + " " + field)
                        .isEqualTo(decided.get("basis").get(i).get(field));
            }
        }
    }

    private JsonNode audited(String decisionId, Predicate<JsonNode> done) {
        return Eventually.await("decision " + decisionId + " in the audit",
                () -> http.get("/api/promotions/" + decisionId),
                r -> r.status() == 200 && done.test(r.json())).json();
    }
}
