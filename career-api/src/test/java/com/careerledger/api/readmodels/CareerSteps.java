package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.QuarterDates;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of a career, taken over HTTP, for the read-model tests (each step asserts it was accepted). */
final class CareerSteps {

    private final Http http;
    private final int port;

    CareerSteps(int port) {
        this.port = port;
        this.http = new Http(port);
    }

    Http http() {
        return http;
    }

    String register(String track, String level) {
        Http.Response r = http.post("/api/people", """
                {"name":"Robin","email":"robin-%s@example.com","discipline":"ENGINEERING","track":"%s","level":"%s"}"""
                .formatted(UUID.randomUUID(), track, level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    String register(String level) {
        return register("IC", level);
    }

    void open(String person, String quarter) {
        Http.Response r = http.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    String goal(String person, String quarter, String title) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/goals", """
                {"title":"%s","description":"Next-level scope","dimension":"IMPACT","measure":"p95 under 200 ms"}"""
                .formatted(title));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("goalId").asText();
    }

    void reviseGoal(String person, String quarter, String goalId, String title) {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + quarterPath(person, quarter) + "/goals/" + goalId))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"title":"%s","dimension":"OWNERSHIP","measure":"Shipped by week 10"}""".formatted(title))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void dropGoal(String person, String quarter, String goalId) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/goals/" + goalId + "/drop",
                "{\"reason\":\"Deprioritised by the team\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void progress(String person, String quarter, String goalId) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/goals/" + goalId + "/progress",
                "{\"status\":\"AT_RISK\",\"note\":\"Blocked on payments\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    String evidence(String person, String quarter, String title, String level) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/evidence", """
                {"title":"%s","description":"Three teams","impact":"p95 800ms to 200ms",
                 "dimension":"IMPACT","demonstratesLevel":"%s","occurredOn":"%s"}"""
                .formatted(title, level, QuarterDates.occurredOn(quarter)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("evidenceId").asText();
    }

    void retract(String person, String quarter, String evidenceId) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/evidence/" + evidenceId + "/retraction",
                "{\"reason\":\"Logged in the wrong quarter\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void feedback(String person, String quarter) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/feedback",
                "{\"relationship\":\"PEER\",\"text\":\"Unblocked three teams\",\"signalsLevel\":\"IC3\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    void assess(String person, String quarter, String level) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/assessment", """
                {"operatingLevel":"%s","rationale":"Operated at %s across the quarter"}""".formatted(level, level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    void reopen(String person, String quarter) {
        Http.Response r = http.post(quarterPath(person, quarter) + "/reopen", "{\"reason\":\"Calibration moved it\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Opens a quarter and assesses it; an assessment above the level held gets the evidence it needs. */
    void quarterAt(String person, String quarter, String levelHeld, String operatingLevel) {
        open(person, quarter);
        if (!operatingLevel.equals(levelHeld)) {
            evidence(person, quarter, "Work at " + operatingLevel, operatingLevel);
        }
        assess(person, quarter, operatingLevel);
    }

    void promote(String person, String level) {
        Http.Response r = http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Sustained next-level impact"}""".formatted(level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    void switchTrack(String person, String track) {
        Http.Response r = http.post("/api/people/" + person + "/track-switches", """
                {"targetTrack":"%s","rationale":"Wants to grow a team"}""".formatted(track));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    void correct(String person, String level) {
        Http.Response r = http.post("/api/people/" + person + "/level-corrections", """
                {"level":"%s","reason":"Registered at the wrong level"}""".formatted(level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** GETs {@code path} until its JSON satisfies {@code done}; the read models lag the writes a little. */
    JsonNode await(String what, String path, Predicate<JsonNode> done) {
        return Eventually.await(what, () -> {
            Http.Response r = http.get(path);
            return r.status() == 200 ? r.json() : null;
        }, json -> json != null && done.test(json));
    }

    private static String quarterPath(String person, String quarter) {
        return "/api/people/" + person + "/quarters/" + quarter;
    }
}
