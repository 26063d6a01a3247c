package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

import static com.careerledger.api.testsupport.CareerStories.quarterPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline tells what happened to the sustained record in words a person reads: a quarter leaving it when
 * reopened, a promotion whose basis changed and whether it would still hold, a quarter joining it at the level
 * held in that quarter (mapped when assessed on the other track), open quarters moving with a track switch, and
 * track switches that say which level they landed on and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SustainedRecordTimelineApiTest {

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
    void a_reopened_and_reassessed_basis_quarter_is_told_with_the_level_held_then_and_what_it_means_for_the_promotion() {
        String ada = stories.register("IC", "IC2");
        stories.quarterAt(ada, "2025-Q1", "IC3");
        stories.quarterAt(ada, "2025-Q2", "IC3");
        stories.ok(http.post("/api/people/" + ada + "/promotions", "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained\"}"), 201);
        stories.ok(http.post(quarterPath(ada, "2025-Q2") + "/reopen", "{\"reason\":\"Calibration review\"}"), 200);
        stories.ok(http.post(quarterPath(ada, "2025-Q1") + "/reopen", "{\"reason\":\"Calibration review\"}"), 200);
        stories.ok(http.post(quarterPath(ada, "2025-Q1") + "/assessment", "{\"operatingLevel\":\"IC1\",\"rationale\":\"Recalibrated\"}"), 201);
        stories.ok(http.post(quarterPath(ada, "2025-Q2") + "/assessment", "{\"operatingLevel\":\"IC3\",\"rationale\":\"Confirmed\"}"), 201);

        List<String> summaries = summaries(ada, "DecisionBasisChanged", 4);

        assertThat(summariesOf(ada, "QuarterOutcomeWithdrawn")).containsExactly(
                "Quarter 2025-Q2 left the sustained record: its assessment was reopened",
                "Quarter 2025-Q1 left the sustained record: its assessment was reopened");
        assertThat(summaries).containsExactly(
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q2, whose assessment was reopened;"
                        + " the decision would no longer hold",
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q1, whose assessment was reopened;"
                        + " the decision would no longer hold",
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q1, which was reassessed at IC1 (Junior Engineer);"
                        + " the decision would no longer hold",
                // 2025-Q1 stays at IC1: with 2025-Q2 back at IC3 the decision still would not hold
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q2, which was reassessed at IC3 (Senior Engineer);"
                        + " the decision would no longer hold");
        // re-recorded after the promotion, each quarter still says the level held in it: IC2, not today's IC3
        assertThat(summariesOf(ada, "QuarterOutcomeRecorded")).containsExactly(
                "Quarter 2025-Q1 joined the sustained record at IC3 (Senior Engineer), holding IC2 (Associate Engineer)",
                "Quarter 2025-Q2 joined the sustained record at IC3 (Senior Engineer), holding IC2 (Associate Engineer)",
                "Quarter 2025-Q1 joined the sustained record at IC1 (Junior Engineer), holding IC2 (Associate Engineer)",
                "Quarter 2025-Q2 joined the sustained record at IC3 (Senior Engineer), holding IC2 (Associate Engineer)");

        JsonNode change = entriesOf(ada, "DecisionBasisChanged").get(2);
        assertThat(change.get("by").asText()).isEqualTo(http.actorId());
        assertThat(change.get("data").get("quarter").asText()).isEqualTo("2025-Q1");
        assertThat(change.get("data").get("change").asText()).isEqualTo("REASSESSED");
        assertThat(change.get("data").get("previousOperatingLevel").asText()).isEqualTo("IC3");
        assertThat(change.get("data").get("operatingLevel").asText()).isEqualTo("IC1");
        assertThat(change.get("data").get("stillHolds").asBoolean()).isFalse();
    }

    @Test
    void a_basis_quarter_reassessed_at_the_level_says_the_promotion_still_holds() {
        String bo = stories.register("IC", "IC2");
        stories.quarterAt(bo, "2025-Q3", "IC3");
        stories.quarterAt(bo, "2025-Q4", "IC3");
        stories.ok(http.post("/api/people/" + bo + "/promotions", "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained\"}"), 201);
        stories.ok(http.post(quarterPath(bo, "2025-Q3") + "/reopen", "{\"reason\":\"Second look\"}"), 200);
        stories.ok(http.post(quarterPath(bo, "2025-Q3") + "/assessment", "{\"operatingLevel\":\"IC3\",\"rationale\":\"Confirmed\"}"), 201);

        assertThat(summaries(bo, "DecisionBasisChanged", 2)).containsExactly(
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q3, whose assessment was reopened;"
                        + " the decision would no longer hold",
                "The promotion to IC3 (Senior Engineer) rests on 2025-Q3, which was reassessed at IC3 (Senior Engineer);"
                        + " the decision still holds");
    }

    @Test
    void open_quarters_move_with_a_track_switch_and_quarters_assessed_on_the_old_track_join_as_mapped() {
        String cy = stories.register("IC", "IC3");
        stories.quarterAt(cy, "2025-Q1", "IC4");
        stories.quarterAt(cy, "2025-Q2", "IC4");
        stories.ok(http.post("/api/people/" + cy + "/quarters", "{\"quarter\":\"2026-Q3\"}"), 201);
        stories.ok(http.post("/api/people/" + cy + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Leads the team now\"}"), 201);
        // a quarter assessed on the IC track, reopened after the switch and assessed again there
        stories.ok(http.post(quarterPath(cy, "2025-Q2") + "/reopen", "{\"reason\":\"Second look\"}"), 200);
        stories.ok(http.post(quarterPath(cy, "2025-Q2") + "/assessment", "{\"operatingLevel\":\"IC4\",\"rationale\":\"Confirmed\"}"), 201);

        assertThat(summaries(cy, "QuarterMovedToTrack", 1)).containsExactly(
                "Quarter 2026-Q3 moved to the manager track: now held at M1 (Engineering Manager),"
                        + " aiming at M2 (Senior Eng Manager)");
        JsonNode moved = entriesOf(cy, "QuarterMovedToTrack").get(0);
        assertThat(moved.get("data").get("fromTrack").asText()).isEqualTo("IC");
        assertThat(moved.get("data").get("toTrack").asText()).isEqualTo("MANAGER");
        assertThat(moved.get("data").get("previousLevelHeld").asText()).isEqualTo("IC3");
        assertThat(moved.get("data").get("levelHeld").asText()).isEqualTo("M1");
        assertThat(moved.get("data").get("previousTargetLevel").asText()).isEqualTo("IC4");
        assertThat(moved.get("data").get("targetLevel").asText()).isEqualTo("M2");

        List<String> recorded = summaries(cy, "QuarterOutcomeRecorded", 3);
        assertThat(recorded.get(2)).isEqualTo(
                "Quarter 2025-Q2 joined the sustained record at IC4 (mapped to M2), holding IC3 (Senior Engineer)");
        JsonNode mapped = entriesOf(cy, "QuarterOutcomeRecorded").get(2);
        assertThat(mapped.get("data").get("operatingLevel").asText()).isEqualTo("M2");
        assertThat(mapped.get("data").get("mappedFrom").asText()).isEqualTo("IC4");
        assertThat(entriesOf(cy, "QuarterOutcomeRecorded").get(0).get("data").get("mappedFrom").isNull()).isTrue();
    }

    @Test
    void a_round_trip_between_tracks_is_told_as_going_back_to_the_level_held_before() {
        String dee = stories.register("IC", "IC6");
        stories.ok(http.post("/api/people/" + dee + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Runs the platform org\"}"), 201);
        JsonNode back = stories.ok(http.post("/api/people/" + dee + "/track-switches",
                "{\"targetTrack\":\"IC\",\"rationale\":\"Back to architecture\"}"), 201);
        assertThat(back.get("toLevel").asText()).isEqualTo("IC6");

        assertThat(summaries(dee, "TrackSwitched", 2)).containsExactly(
                "Switched from the individual contributor track at IC6 (Principal Engineer) to the manager track"
                        + " at M3 (Director), the equivalent level (not a promotion)",
                "Switched from the manager track at M3 (Director) back to the individual contributor track"
                        + " at IC6 (Principal Engineer), the level held there before (not a promotion)");
    }

    @Test
    void a_switch_to_one_of_several_equivalents_names_them() {
        String eve = stories.register("MANAGER", "M3");
        stories.ok(http.post("/api/people/" + eve + "/track-switches",
                "{\"targetTrack\":\"IC\",\"targetLevel\":\"IC5\",\"rationale\":\"Wants depth\"}"), 201);
        stories.ok(http.post("/api/people/" + eve + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Missed the team\"}"), 201);

        assertThat(summaries(eve, "TrackSwitched", 2)).containsExactly(
                "Switched from the manager track at M3 (Director) to the individual contributor track at IC5"
                        + " (Staff Engineer), one of the levels equivalent to M3 (IC5 and IC6) (not a promotion)",
                "Switched from the individual contributor track at IC5 (Staff Engineer) back to the manager track"
                        + " at M3 (Director), the level held there before (not a promotion)");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** The summaries of the person's entries of {@code type}, once there are {@code count} of them. */
    private List<String> summaries(String person, String type, int count) {
        Eventually.await(count + " " + type + " entries of " + person, () -> entriesOf(person, type),
                entries -> entries.size() == count);
        return summariesOf(person, type);
    }

    private List<String> summariesOf(String person, String type) {
        List<String> out = new ArrayList<>();
        entriesOf(person, type).forEach(e -> out.add(e.get("summary").asText()));
        return out;
    }

    private List<JsonNode> entriesOf(String person, String type) {
        Http.Response r = http.get("/api/people/" + person + "/timeline?size=200");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(e -> {
            if (e.get("type").asText().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }
}
