package com.careerledger.api.history;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.EventCatalogue;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A career as it stood at an instant, rebuilt from the event streams, and the raw streams themselves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryApiTest {

    @LocalServerPort
    int port;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    private List<JsonNode> events(String person) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode e : http.get("/api/people/" + person + "/events?size=200").json().get("items")) {
            all.add(e);
        }
        return all;
    }

    private String timestampOf(String person, String type, int occurrence) {
        return events(person).stream().filter(e -> e.get("type").asText().equals(type))
                .skip(occurrence).findFirst().orElseThrow().get("timestamp").asText();
    }

    private JsonNode asOf(String person, String instant) {
        Http.Response r = http.get("/api/people/" + person + "/history?asOf=" + instant);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void before_a_promotion_the_history_shows_the_old_level_and_after_it_the_new_one() {
        String ada = stories.register("Ada AsOf", "IC", "IC2");
        stories.quarterAt(ada, "2026-Q1", "IC3");
        stories.quarterAt(ada, "2026-Q2", "IC3");
        stories.promote(ada, "IC3");
        stories.open(ada, "2026-Q3");
        stories.evidence(ada, "2026-Q3", "After the promotion", "IC3");

        String beforePromotion = timestampOf(ada, "QuarterOutcomeRecorded", 1);
        String atPromotion = timestampOf(ada, "LevelChanged", 0);
        String q3Opened = timestampOf(ada, "QuarterOpened", 2);

        JsonNode before = asOf(ada, beforePromotion);
        assertThat(before.get("level").asText()).isEqualTo("IC2");
        assertThat(before.get("decisions")).isEmpty();
        assertThat(before.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(before.get("quarters").findValuesAsText("quarter")).containsExactly("2026-Q1", "2026-Q2");

        JsonNode after = asOf(ada, atPromotion);
        assertThat(after.get("level").asText()).isEqualTo("IC3");
        assertThat(after.get("title").asText()).isEqualTo("Senior Engineer");
        assertThat(after.get("decisions").get(0).get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(after.get("quarters").findValuesAsText("quarter")).doesNotContain("2026-Q3");

        // evidence logged after the instant is absent; the quarter opened before it is there, empty
        JsonNode q3 = asOf(ada, q3Opened).get("quarters").get(2);
        assertThat(q3.get("quarter").asText()).isEqualTo("2026-Q3");
        assertThat(q3.get("evidence")).isEmpty();

        JsonNode now = http.get("/api/people/" + ada + "/history").json();
        assertThat(now.get("quarters").get(2).get("evidence").findValuesAsText("title")).containsExactly("After the promotion");
    }

    @Test
    void before_registration_there_is_no_person_and_an_unknown_person_is_a_404_problem() {
        String ada = stories.register("Ada Early", "IC", "IC2");
        String registered = timestampOf(ada, "PersonRegistered", 0);
        String justBefore = java.time.Instant.parse(registered).minusMillis(1).toString();

        assertThat(http.get("/api/people/" + ada + "/history?asOf=" + justBefore).status()).isEqualTo(404);
        assertThat(http.get("/api/people/" + UUID.randomUUID() + "/history").status()).isEqualTo(404);
        assertThat(http.get("/api/people/" + ada + "/history?asOf=yesterday").status()).isEqualTo(400);
    }

    @Test
    void the_raw_stream_holds_the_person_and_quarter_events_with_payload_and_metadata() {
        String ada = stories.register("Ada Raw", "IC", "IC2");
        stories.quarterAt(ada, "2026-Q1", "IC2");

        JsonNode page = http.get("/api/people/" + ada + "/events?page=0&size=3").json();
        // registered, quarter opened, evidence logged, quarter assessed, outcome recorded on the person
        assertThat(page.get("total").asInt()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(3);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("type").asText()).isEqualTo("PersonRegistered");
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("globalIndex").asLong()).isPositive();
        assertThat(first.get("payload").get("name").asText()).isEqualTo("Ada Raw");
        assertThat(first.get("metadata").get("actor").asText()).isEqualTo(http.actorId());
        assertThat(first.get("revision").asText()).isEqualTo("1");

        List<String> types = events(ada).stream().map(e -> e.get("type").asText()).toList();
        assertThat(types).containsSubsequence("PersonRegistered", "QuarterOpened", "EvidenceLogged", "QuarterAssessed",
                "QuarterOutcomeRecorded");
        List<Long> order = events(ada).stream().map(e -> e.get("globalIndex").asLong()).toList();
        assertThat(order).isSorted();
        assertThat(http.get("/api/people/" + UUID.randomUUID() + "/events").status()).isEqualTo(404);
    }

    /** Event type names are part of the contract: the catalogue's names, never a Java class name (issue 21, row 8). */
    @Test
    void the_raw_stream_names_event_types_by_the_catalogue_never_by_java_class() {
        String ada = stories.register("Ada Named", "IC", "IC2");
        stories.quarterAt(ada, "2026-Q1", "IC3");
        stories.quarterAt(ada, "2026-Q2", "IC3");
        stories.promote(ada, "IC3");

        List<JsonNode> events = events(ada);
        assertThat(events).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode e : events) {
            String type = e.get("type").asText();
            String payloadType = e.get("payloadType").asText();
            String event = "event " + e.get("globalIndex").asLong();
            assertThat(type).as("type of " + event).doesNotContain(".");
            assertThat(payloadType).as("payloadType of " + event).doesNotContain(".");
            assertThat(payloadType).as("payloadType, kept for earlier clients, equals type").isEqualTo(type);
            assertThat(EventCatalogue.byName(type)).as(type + " is a catalogue name").isPresent();
        }
        assertThat(events.stream().map(e -> e.get("payloadType").asText()).toList())
                .containsSubsequence("PersonRegistered", "QuarterOpened", "EvidenceLogged", "QuarterAssessed",
                        "QuarterOutcomeRecorded", "LevelChanged");
    }
}
