package com.careerledger.api.storage;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events evolve: {@code EvidenceLogged} went from revision 1 (one optional {@code link}) to revision 2
 * ({@code links}). Revision-1 JSON as the earlier code stored it still replays, through the upcaster, into the
 * Quarter aggregate, every read model and the point-in-time history; what is stored is never rewritten.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvidenceRevisionOneReplayTest {

    private static final String PR = "https://git.example.com/pr/7";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void stored_revision_one_evidence_replays_everywhere_as_revision_two() {
        Http http = new Http(port);
        String ada = http.post("/api/people", """
                {"name":"Ada Revision","email":"rev-%s@example.com","discipline":"ENGINEERING","track":"IC","level":"IC2"}"""
                .formatted(UUID.randomUUID())).json().get("id").asText();
        // the quarter as an earlier version stored it (this process has never loaded it)
        store(ada, 0, "QuarterOpened", """
                {"personId":"%s","quarter":"2025-Q3","track":"IC","levelHeld":"IC2","targetLevel":"IC3"}""".formatted(ada));
        String withLink = UUID.randomUUID().toString();
        String withoutLink = UUID.randomUUID().toString();
        storeRevisionOne(ada, 1, withLink, "Shipped the importer", "IC3", "\"" + PR + "\"");
        storeRevisionOne(ada, 2, withoutLink, "Fixed the flaky build", "IC2", "null");

        // the quarter read model (read-your-writes waits for both events)
        JsonNode quarter = http.get("/api/people/" + ada + "/quarters/2025-Q3").json();
        JsonNode first = evidence(quarter.get("evidence"), withLink);
        assertThat(first.get("link").asText()).isEqualTo(PR);
        assertThat(texts(first.get("links"))).containsExactly(PR);
        JsonNode second = evidence(quarter.get("evidence"), withoutLink);
        assertThat(second.get("link").isNull()).isTrue();
        assertThat(second.get("links")).isEmpty();

        // the win log, the timeline and the performance history
        JsonNode winLog = Eventually.await("the win log", () -> http.get("/api/people/" + ada + "/win-log").json(),
                w -> w.get("total").asInt() == 2, Duration.ofSeconds(15));
        assertThat(texts(evidence(winLog.get("items"), withLink).get("links"))).containsExactly(PR);
        JsonNode timeline = Eventually.await("the timeline", () -> http.get("/api/people/" + ada + "/timeline").json(),
                t -> t.get("items").findValuesAsText("type").stream().filter("EvidenceLogged"::equals).count() == 2,
                Duration.ofSeconds(15));
        assertThat(timeline.get("items").findValuesAsText("summary"))
                .anySatisfy(s -> assertThat(s).contains("Shipped the importer"));
        JsonNode history = Eventually.await("the performance history",
                () -> http.get("/api/people/" + ada + "/performance-history").json(),
                h -> h.get("quarters").size() == 1 && h.get("quarters").get(0).get("evidence").asInt() == 2,
                Duration.ofSeconds(15));
        assertThat(history.get("quarters").get(0).get("quarter").asText()).isEqualTo("2025-Q3");

        // the point-in-time history, from the event streams
        JsonNode asOf = http.get("/api/people/" + ada + "/history?asOf=" + Instant.now()).json();
        assertThat(asOf.get("quarters").get(0).get("evidence").findValuesAsText("title"))
                .containsExactly("Shipped the importer", "Fixed the flaky build");

        // the Quarter aggregate sources itself from them: the IC3 evidence supports a next-level assessment
        assertThat(http.post("/api/people/" + ada + "/quarters/2025-Q3/assessment", """
                {"operatingLevel":"IC3","rationale":"Shipped the importer"}""").status()).isEqualTo(201);

        // stored as written, revision 1
        assertThat(jdbc.queryForList("SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%EvidenceLogged'", String.class, ada + "/2025-Q3")).containsOnly("1");

        // and a rebuild from them gives the same read models
        ReadModels readModels = new ReadModels(jdbc, http);
        readModels.awaitAllCaughtUp();
        Map<String, List<String>> live = readModels.snapshot();
        readModels.rebuildAll();
        readModels.awaitAllCaughtUp();
        assertThat(readModels.snapshot()).isEqualTo(live);
    }

    private void storeRevisionOne(String person, long sequence, String evidenceId, String title, String level,
                                  String link) {
        store(person, sequence, "EvidenceLogged", """
                {"personId":"%s","quarter":"2025-Q3","evidenceId":"%s","title":"%s","description":null,
                 "impact":"Halved onboarding time","dimension":"IMPACT","demonstratesLevel":"%s","goalId":null,
                 "link":%s,"occurredOn":"2025-08-04"}""".formatted(person, evidenceId, title, level, link));
    }

    private void store(String person, long sequence, String event, String payload) {
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Quarter', ?, ?, '1', CAST(? AS jsonb), CAST(? AS jsonb))""",
                UUID.randomUUID().toString(), person + "/2025-Q3", sequence, Instant.now().toString(),
                "com.careerledger.domain.quarter." + event, payload, "{\"actor\":\"admin\"}");
    }

    private static JsonNode evidence(JsonNode list, String evidenceId) {
        for (JsonNode e : list) {
            if (e.get("evidenceId").asText().equals(evidenceId)) {
                return e;
            }
        }
        throw new AssertionError("no evidence " + evidenceId + " in " + list);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
