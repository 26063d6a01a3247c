package com.careerledger.api.concurrency;

import com.careerledger.api.concurrency.storage.IdempotencyKeys;

import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries of POST writes with an {@code Idempotency-Key}: the first response comes back and nothing is appended
 * twice; a key reused for another body, or retried while the first request runs, is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyTest {

    private static final String QUARTER = "2026-Q1";
    private static final String EVIDENCE = """
            {"title":"Shipped the importer","impact":"Halved onboarding time","dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"2026-02-02"}""";
    private static final String OTHER_EVIDENCE = """
            {"title":"Wrote the runbook","impact":"Fewer pages","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-03"}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdempotencyKeys keys;
    CareerStories stories;
    Http http;

    @TempDir
    Path dataDir;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    private static String key() {
        return "retry-" + UUID.randomUUID();
    }

    private static String registration(String email) {
        return """
                {"name":"Ida Idempotent","email":"%s","discipline":"ENGINEERING","track":"IC","level":"IC2"}""".formatted(email);
    }

    private static int events(JdbcTemplate jdbc, String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    private String personWithQuarter(String name) {
        String person = stories.register(name, "IC", "IC2");
        stories.open(person, QUARTER);
        return person;
    }

    private static String evidencePath(String person) {
        return "/api/people/" + person + "/quarters/" + QUARTER + "/evidence";
    }

    private static void assertSameResponse(Http.Response retry, Http.Response first) {
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).endsWith("/problems/" + type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void a_registration_retried_with_the_same_key_and_body_returns_the_first_response_and_registers_once() {
        String email = "ida-" + UUID.randomUUID() + "@example.com";
        String key = key();

        Http.Response first = http.request("POST", "/api/people", registration(email), "Idempotency-Key", key);
        Http.Response retry = http.request("POST", "/api/people", registration(email), "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertSameResponse(retry, first);
        String id = first.json().get("id").asText();
        assertThat(first.header("Location")).endsWith("/api/people/" + id);
        assertThat(events(jdbc, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload ->> 'email' = ?",
                Integer.class, email)).isEqualTo(1);
    }

    @Test
    void evidence_retried_with_the_same_key_is_logged_once() {
        String person = personWithQuarter("Eve Evidence");
        String key = key();
        int before = events(jdbc, person + "/" + QUARTER);

        Http.Response first = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);
        Http.Response retry = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertSameResponse(retry, first);
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before + 1);
        assertThat(http.get("/api/people/" + person + "/quarters/" + QUARTER).json().get("evidence")).hasSize(1);
    }

    @Test
    void the_same_key_with_another_body_is_a_422_and_appends_nothing() {
        String person = personWithQuarter("Kim Reuse");
        String key = key();
        assertThat(http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key).status()).isEqualTo(201);
        int before = events(jdbc, person + "/" + QUARTER);

        Http.Response reused = http.request("POST", evidencePath(person), OTHER_EVIDENCE, "Idempotency-Key", key);

        assertProblem(reused, 422, "idempotency-key-reused");
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before);
    }

    @Test
    void different_keys_are_different_requests() {
        String person = personWithQuarter("Dee Different");
        int before = events(jdbc, person + "/" + QUARTER);

        Http.Response one = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key());
        Http.Response two = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key());

        assertThat(one.status()).isEqualTo(201);
        assertThat(two.status()).isEqualTo(201);
        assertThat(two.header("Idempotent-Replayed")).isNull();
        assertThat(two.json().get("evidenceId").asText()).isNotEqualTo(one.json().get("evidenceId").asText());
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before + 2);
    }

    @Test
    void a_key_means_something_only_on_its_own_path() {
        String ann = personWithQuarter("Ann Path");
        String bob = personWithQuarter("Bob Path");
        String key = key();

        Http.Response forAnn = http.request("POST", evidencePath(ann), EVIDENCE, "Idempotency-Key", key);
        Http.Response forBob = http.request("POST", evidencePath(bob), EVIDENCE, "Idempotency-Key", key);

        assertThat(forAnn.status()).isEqualTo(201);
        assertThat(forBob.status()).isEqualTo(201);
        assertThat(forBob.header("Idempotent-Replayed")).isNull();
        assertThat(events(jdbc, bob + "/" + QUARTER)).isEqualTo(2);
    }

    @Test
    void a_refusal_is_a_result_too_and_is_replayed() {
        String person = stories.register("Ray Refused", "IC", "IC2");
        String key = key();
        String path = "/api/people/" + person + "/promotions";
        String body = "{\"targetLevel\":\"IC3\",\"rationale\":\"Eager\"}";

        Http.Response first = http.request("POST", path, body, "Idempotency-Key", key);
        Http.Response retry = http.request("POST", path, body, "Idempotency-Key", key);

        assertProblem(first, 409, "promotion-not-sustained");
        assertSameResponse(retry, first);
    }

    @Test
    void a_malformed_key_is_a_400_and_nothing_runs() {
        String person = personWithQuarter("Mal Formed");
        int before = events(jdbc, person + "/" + QUARTER);

        for (String malformed : new String[]{"k".repeat(201), "", "tab\there"}) {
            Http.Response response = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", malformed);

            assertProblem(response, 400, "validation");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", "k".repeat(200)).status())
                .isEqualTo(201);
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before + 1);
    }

    @Test
    void keys_belong_to_the_account_that_used_them() {
        String person = personWithQuarter("Kim Keys");
        String key = key();
        String other = "second-admin-" + System.nanoTime();
        assertThat(http.post("/api/accounts", "{\"username\":\"" + other
                + "\",\"password\":\"second-admin-pw-1\",\"roles\":[\"ADMIN\"]}").status()).isEqualTo(201);
        int before = events(jdbc, person + "/" + QUARTER);

        Http.Response mine = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);
        Http.Response theirs = http.as(other, "second-admin-pw-1")
                .request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(theirs.json().get("evidenceId").asText()).isNotEqualTo(mine.json().get("evidenceId").asText());
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before + 2);
    }

    @Test
    void a_retry_while_the_first_request_runs_is_a_409_and_an_abandoned_one_runs_again() {
        String person = personWithQuarter("Ivy Inflight");
        String key = key();
        // the first request "is running": claimed, no response yet
        jdbc.update("""
                        INSERT INTO idempotency_keys (principal, method, path, idempotency_key, request_sha256, claim_id,
                                                      created_at, expires_at)
                        VALUES (?, 'POST', ?, ?, ?, ?, now(), now() + INTERVAL '1 day')""",
                http.actorId(), evidencePath(person), key, IdempotencyFilter.sha256(EVIDENCE.getBytes(StandardCharsets.UTF_8)),
                UUID.randomUUID());
        int before = events(jdbc, person + "/" + QUARTER);

        Http.Response running = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);

        assertProblem(running, 409, "idempotency-key-in-progress");
        assertThat(running.header("Retry-After")).isNotBlank();
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before);

        // its process died long ago: the key is taken over and the request runs
        jdbc.update("UPDATE idempotency_keys SET created_at = now() - INTERVAL '1 hour' WHERE idempotency_key = ?", key);
        Http.Response retried = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(before + 1);
        assertSameResponse(http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key), retried);
    }

    @Test
    void an_expired_key_is_treated_as_new_and_cleaned_up() {
        String person = personWithQuarter("Exa Expired");
        String key = key();
        Http.Response first = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        jdbc.update("UPDATE idempotency_keys SET expires_at = now() - INTERVAL '1 second' WHERE idempotency_key = ?", key);

        Http.Response again = http.request("POST", evidencePath(person), EVIDENCE, "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(again.json().get("evidenceId").asText()).isNotEqualTo(first.json().get("evidenceId").asText());
        assertThat(events(jdbc, person + "/" + QUARTER)).isEqualTo(3);

        jdbc.update("UPDATE idempotency_keys SET expires_at = now() - INTERVAL '1 second' WHERE idempotency_key = ?", key);
        assertThat(keys.deleteExpired()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?",
                Integer.class, key)).isZero();
    }

    @Test
    void a_retry_after_a_restart_still_returns_the_first_response() {
        String email = "restart-" + UUID.randomUUID() + "@example.com";
        String key = key();
        Http.Response first;
        try (ConfigurableApplicationContext app = start()) {
            first = new Http(port(app)).request("POST", "/api/people", registration(email), "Idempotency-Key", key);
            assertThat(first.status()).as(first.body()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext app = start()) {
            Http.Response retry = new Http(port(app)).request("POST", "/api/people", registration(email),
                    "Idempotency-Key", key);

            assertSameResponse(retry, first);
            assertThat(events(app.getBean(JdbcTemplate.class), first.json().get("id").asText())).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CareerLedgerApplication.class).run(
                "--server.port=0",
                "--career.db.embedded.ephemeral=false",
                "--career.db.embedded.durable=true",
                "--career.db.embedded.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void a_chunked_body_over_the_limit_with_a_key_is_a_413_like_one_without() {
        byte[] huge = ("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/people"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));
        Http.Response keyed = http.send(request);
        assertProblem(keyed, 413, "payload-too-large");
        assertProblem(http.requestBytes("POST", "/api/people", "application/json", huge, true), 413, "payload-too-large");
    }
}
