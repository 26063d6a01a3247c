package com.careerledger.api.concurrency;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic concurrency over HTTP: a GET's ETag is the aggregate's version; a write with {@code If-Match} applies
 * only while its target is still at that version, and otherwise is a 409 that appends nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConditionalRequestTest {

    private static final String QUARTER = "2026-Q1";
    private static final String EVIDENCE = """
            {"title":"Shipped the importer","impact":"Halved onboarding time","dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"2026-02-02"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    private int events(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    private Http.Response assignManager(String person, String manager, String ifMatch) {
        return http.request("PUT", "/api/people/" + person + "/manager", "{\"managerId\":\"" + manager + "\"}",
                "If-Match", ifMatch);
    }

    private Http.Response logEvidence(String person, String ifMatch) {
        return http.request("POST", quarter(person) + "/evidence", EVIDENCE, "If-Match", ifMatch);
    }

    private static String quarter(String person) {
        return "/api/people/" + person + "/quarters/" + QUARTER;
    }

    private static void assertVersionConflict(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).endsWith("/problems/version-conflict");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "org.axonframework");
    }

    @Test
    void a_get_of_a_person_or_a_quarter_carries_its_version_as_etag() {
        String ada = stories.register("Ada Etag", "IC", "IC2");
        assertThat(http.get("/api/people/" + ada).header("ETag")).isEqualTo("\"0\"");

        stories.open(ada, QUARTER);
        assertThat(http.get(quarter(ada)).header("ETag")).isEqualTo("\"0\"");
        stories.evidence(ada, QUARTER, "Shipped", "IC2");
        assertThat(http.get(quarter(ada)).header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void a_manager_change_with_the_current_version_applies_and_returns_the_next_etag() {
        String grace = stories.register("Grace Manager", "MANAGER", "M1");
        String ada = stories.register("Ada Current", "IC", "IC2");
        String etag = http.get("/api/people/" + ada).header("ETag");

        Http.Response changed = assignManager(ada, grace, etag);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");
        assertThat(changed.json().get("managerId").asText()).isEqualTo(grace);
        assertThat(http.get("/api/people/" + ada).header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void a_manager_change_against_a_stale_version_is_a_409_and_appends_nothing() {
        String grace = stories.register("Grace First", "MANAGER", "M1");
        String linus = stories.register("Linus Second", "MANAGER", "M1");
        String ada = stories.register("Ada Stale", "IC", "IC2");
        String seen = http.get("/api/people/" + ada).header("ETag");
        assertThat(assignManager(ada, grace, seen).status()).isEqualTo(200);
        int before = events(ada);

        Http.Response stale = assignManager(ada, linus, seen);

        assertVersionConflict(stale);
        assertThat(stale.json().get("detail").asText()).contains("newer");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(events(ada)).isEqualTo(before);
        Http.Response now = http.get("/api/people/" + ada);
        assertThat(now.json().get("managerId").asText()).isEqualTo(grace);
        assertThat(now.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void evidence_with_the_current_version_is_logged_and_with_a_stale_one_is_refused() {
        String ada = stories.register("Ada Evidence", "IC", "IC2");
        stories.open(ada, QUARTER);
        String seen = http.get(quarter(ada)).header("ETag");

        Http.Response logged = logEvidence(ada, seen);
        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(http.get(quarter(ada)).header("ETag")).isEqualTo("\"1\"");
        int before = events(ada + "/" + QUARTER);

        Http.Response stale = logEvidence(ada, seen);

        assertVersionConflict(stale);
        assertThat(stale.json().get("detail").asText()).contains("newer");
        assertThat(events(ada + "/" + QUARTER)).isEqualTo(before);
        assertThat(http.get(quarter(ada)).json().get("evidence")).hasSize(1);
    }

    @Test
    void a_stale_write_is_a_version_conflict_even_when_the_newer_state_would_refuse_it_anyway() {
        String ada = stories.register("Ada Closed", "IC", "IC2");
        stories.open(ada, QUARTER);
        stories.evidence(ada, QUARTER, "Led the redesign", "IC2");
        String seen = http.get(quarter(ada)).header("ETag");
        stories.assess(ada, QUARTER, "IC2");
        int before = events(ada + "/" + QUARTER);

        Http.Response stale = logEvidence(ada, seen);

        // the sender has not seen the assessment: the answer is "read again", not "quarter closed"
        assertVersionConflict(stale);
        assertThat(events(ada + "/" + QUARTER)).isEqualTo(before);
        assertThat(logEvidence(ada, "*").json().get("type").asText()).endsWith("/problems/quarter-closed");
    }

    @Test
    void a_version_the_aggregate_has_not_reached_is_a_conflict_too() {
        String ada = stories.register("Ada Future", "IC", "IC2");
        String grace = stories.register("Grace Future", "MANAGER", "M1");

        Http.Response future = assignManager(ada, grace, "\"7\"");

        assertVersionConflict(future);
        assertThat(events(ada)).isEqualTo(1);
    }

    @Test
    void if_match_star_accepts_any_version() {
        String grace = stories.register("Grace Star", "MANAGER", "M1");
        String linus = stories.register("Linus Star", "MANAGER", "M1");
        String ada = stories.register("Ada Star", "IC", "IC2");
        stories.assignManager(ada, grace);

        Http.Response changed = assignManager(ada, linus, "*");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void a_malformed_if_match_is_a_400_naming_the_header_and_appends_nothing() {
        String grace = stories.register("Grace Malformed", "MANAGER", "M1");
        String ada = stories.register("Ada Malformed", "IC", "IC2");

        for (String malformed : List.of("0", "W/\"0\"", "\"zero\"", "\"0\", \"1\"", "\"-1\"", "\"\"")) {
            Http.Response response = assignManager(ada, grace, malformed);

            assertThat(response.status()).as(malformed + ": " + response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.get("type").asText()).endsWith("/problems/validation");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
        }
        assertThat(events(ada)).isEqualTo(1);
    }

    @Test
    void an_assessment_checks_the_quarters_version_and_still_reaches_the_person() {
        String ada = stories.register("Ada Assessed", "IC", "IC2");
        stories.open(ada, QUARTER);
        stories.evidence(ada, QUARTER, "Led the redesign", "IC3");
        String seen = http.get(quarter(ada)).header("ETag");
        int personEvents = events(ada);

        Http.Response assessed = http.request("POST", quarter(ada) + "/assessment",
                "{\"operatingLevel\":\"IC3\",\"rationale\":\"Operated at IC3\"}", "If-Match", seen);

        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        assertThat(assessed.header("ETag")).isEqualTo("\"2\"");
        // the person's own version was not checked against the quarter's: the outcome was recorded
        assertThat(events(ada)).isEqualTo(personEvents + 1);
    }
}
