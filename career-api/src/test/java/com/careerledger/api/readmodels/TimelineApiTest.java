package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.projections.timeline.TimelineProjection;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The career timeline over HTTP: a person's events and their quarters', oldest first, in words. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TimelineApiTest {

    @LocalServerPort
    int port;
    CareerStories career;
    Http http;

    @BeforeEach
    void setUp() {
        career = new CareerStories(port);
        http = career.http();
    }

    private JsonNode timeline(String person, int total) {
        return career.await("timeline of " + person + " with " + total + " entries",
                "/api/people/" + person + "/timeline", t -> t.get("total").asInt() == total);
    }

    @Test
    void the_timeline_lists_a_careers_events_in_order_with_readable_summaries_and_who_acted() {
        String ada = career.register("IC2");
        career.open(ada, "2026-Q1");
        String goal = career.goal(ada, "2026-Q1", "Lead the API redesign");
        career.progress(ada, "2026-Q1", goal);
        career.evidence(ada, "2026-Q1", "Led the API redesign", "IC3");
        career.feedback(ada, "2026-Q1");
        career.assess(ada, "2026-Q1", "IC3");
        career.open(ada, "2026-Q2");
        career.evidence(ada, "2026-Q2", "Mentored two engineers", "IC3");
        career.assess(ada, "2026-Q2", "IC3");
        career.promote(ada, "IC3");
        career.switchTrack(ada, "MANAGER");
        career.correct(ada, "M2");

        JsonNode page = timeline(ada, 15);

        JsonNode items = page.get("items");
        assertThat(items.findValuesAsText("type")).containsExactly(
                "PersonRegistered",
                "QuarterOpened", "GoalSet", "GoalProgressed", "EvidenceLogged", "FeedbackRecorded",
                "QuarterAssessed", "QuarterOutcomeRecorded",
                "QuarterOpened", "EvidenceLogged", "QuarterAssessed", "QuarterOutcomeRecorded",
                "LevelChanged", "TrackSwitched", "LevelChanged");
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(50);
        assertThat(page.get("total").asInt()).isEqualTo(15);

        List<String> summaries = items.findValuesAsText("summary");
        assertThat(summaries.get(0)).isEqualTo("Joined the ladder at IC2 (Associate Engineer) on the individual contributor track");
        assertThat(summaries.get(1)).isEqualTo("Quarter 2026-Q1 opened at IC2 (Associate Engineer), aiming at IC3 (Senior Engineer)");
        assertThat(summaries.get(2)).isEqualTo("Set a goal for 2026-Q1: Lead the API redesign (IMPACT, aims at IC3)");
        assertThat(summaries.get(3)).isEqualTo("Progress on Lead the API redesign (2026-Q1): at risk — Blocked on payments");
        assertThat(summaries.get(4)).isEqualTo("Logged evidence: Led the API redesign (IMPACT, shows IC3)");
        assertThat(summaries.get(5)).isEqualTo("Peer feedback in 2026-Q1: \"Unblocked three teams\" (suggests IC3)");
        assertThat(summaries.get(6)).isEqualTo("Quarter 2026-Q1 assessed at IC3 (the next level)");
        assertThat(summaries.get(7)).isEqualTo("Quarter 2026-Q1 joined the sustained record at IC3 (Senior Engineer), holding IC2 (Associate Engineer)");
        assertThat(summaries.get(12)).isEqualTo(
                "Promoted from IC2 (Associate Engineer) to IC3 (Senior Engineer) on 2 consecutive quarters at IC3 or above");
        assertThat(summaries.get(13)).isEqualTo("Switched from the individual contributor track at IC3 (Senior Engineer)"
                + " to the manager track at M1 (Engineering Manager), the equivalent level (not a promotion)");
        assertThat(summaries.get(14)).isEqualTo(
                "Level corrected from M1 (Engineering Manager) to M2 (Senior Eng Manager): Registered at the wrong level");

        // who acted comes from the events' metadata: the authenticated account's id
        assertThat(items.findValuesAsText("by")).hasSize(15).containsOnly(http.actorId());

        JsonNode promotion = items.get(12).get("data");
        assertThat(promotion.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(promotion.get("fromLevel").asText()).isEqualTo("IC2");
        assertThat(promotion.get("toLevel").asText()).isEqualTo("IC3");
        assertThat(promotion.get("basis").get(0).asText()).isEqualTo("2026-Q1");
        assertThat(promotion.get("basis").get(1).asText()).isEqualTo("2026-Q2");
        assertThat(items.get(6).get("data").get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(items.get(6).get("data").get("atNextLevel").asBoolean()).isTrue();
        assertThat(items.get(2).get("data").get("goalId").asText()).isEqualTo(goal);

        Instant previous = Instant.MIN;
        for (JsonNode item : items) {
            Instant at = Instant.parse(item.get("at").asText());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
        }
    }

    @Test
    void the_timeline_is_paged_and_names_goals_and_evidence_by_their_titles() {
        String bo = career.register("IC1");
        career.open(bo, "2026-Q1");
        String first = career.goal(bo, "2026-Q1", "Ship the search page");
        career.goal(bo, "2026-Q1", "Pair with design weekly");
        String third = career.goal(bo, "2026-Q1", "Write the runbook");
        career.reviseGoal(bo, "2026-Q1", first, "Ship search with filters");
        career.dropGoal(bo, "2026-Q1", third);
        String evidence = career.evidence(bo, "2026-Q1", "Fixed the flaky checkout test", "IC1");
        career.retract(bo, "2026-Q1", evidence);

        JsonNode all = timeline(bo, 9);
        List<String> allTypes = all.get("items").findValuesAsText("type");
        assertThat(allTypes).containsExactly("PersonRegistered", "QuarterOpened", "GoalSet", "GoalSet", "GoalSet",
                "GoalRevised", "GoalDropped", "EvidenceLogged", "EvidenceRetracted");
        List<String> summaries = all.get("items").findValuesAsText("summary");
        assertThat(summaries.get(5)).isEqualTo("Revised a goal for 2026-Q1: Ship the search page is now Ship search with filters (OWNERSHIP)");
        assertThat(summaries.get(6)).isEqualTo("Dropped the goal Write the runbook in 2026-Q1: Deprioritised by the team");
        assertThat(summaries.get(8)).isEqualTo("Retracted evidence: Fixed the flaky checkout test (Logged in the wrong quarter)");

        List<String> paged = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            JsonNode page = http.get("/api/people/" + bo + "/timeline?page=" + p + "&size=4").json();
            assertThat(page.get("page").asInt()).isEqualTo(p);
            assertThat(page.get("size").asInt()).isEqualTo(4);
            assertThat(page.get("total").asInt()).isEqualTo(9);
            assertThat(page.get("items")).hasSize(p < 2 ? 4 : 1);
            paged.addAll(page.get("items").findValuesAsText("type"));
        }
        assertThat(paged).isEqualTo(allTypes);
        assertThat(http.get("/api/people/" + bo + "/timeline?page=3&size=4").json().get("items")).isEmpty();

        assertThat(http.get("/api/people/" + bo + "/timeline?size=0").status()).isEqualTo(400);
        assertThat(http.get("/api/people/" + bo + "/timeline?size=201").status()).isEqualTo(400);
        assertThat(http.get("/api/people/" + bo + "/timeline?page=-1").status()).isEqualTo(400);
    }

    @Test
    void a_rebuild_reproduces_the_same_timeline() {
        String eve = career.register("IC2");
        career.open(eve, "2026-Q1");
        String goal = career.goal(eve, "2026-Q1", "Own the release train");
        career.progress(eve, "2026-Q1", goal);
        career.evidence(eve, "2026-Q1", "Cut release time in half", "IC3");
        career.assess(eve, "2026-Q1", "IC3");
        career.reopen(eve, "2026-Q1");
        career.assess(eve, "2026-Q1", "IC2");
        JsonNode before = timeline(eve, 11);
        assertThat(before.get("items").get(10).get("summary").asText())
                .isEqualTo("Quarter 2026-Q1 joined the sustained record at IC2 (Associate Engineer), holding IC2 (Associate Engineer)");
        assertThat(before.get("items").get(9).get("summary").asText())
                .isEqualTo("Quarter 2026-Q1 re-assessed at IC2 (the level held), amending the earlier assessment");
        assertThat(before.get("items").get(8).get("summary").asText())
                .isEqualTo("Quarter 2026-Q1 left the sustained record: its assessment was reopened");

        ReadModels.rebuildAndAwait(http, TimelineProjection.PROCESSING_GROUP);

        JsonNode after = career.await("timeline of " + eve + " rebuilt", "/api/people/" + eve + "/timeline",
                t -> t.equals(before));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void the_timeline_of_an_unknown_person_is_a_404_problem() {
        Http.Response response = http.get("/api/people/" + UUID.randomUUID() + "/timeline");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }
}
