package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.shared.YearQuarter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of a career inside the calendar rules (past quarters, evidence dated within its quarter), for the tests of
 * the sustained record's read models and point-in-time history. Each write asserts it was accepted.
 */
public final class RecordSteps {

    private final Http http;

    public RecordSteps(int port) {
        this.http = new Http(port);
    }

    public Http http() {
        return http;
    }

    public String register(String track, String level, String managerId) {
        Http.Response r = http.post("/api/people", """
                {"name":"Robin","email":"robin-%s@example.com","discipline":"ENGINEERING","track":"%s","level":"%s"%s}"""
                .formatted(UUID.randomUUID(), track, level, managerId == null ? "" : ",\"managerId\":\"" + managerId + "\""));
        return ok(r, 201).get("id").asText();
    }

    public String register(String track, String level) {
        return register(track, level, null);
    }

    public void open(String person, String quarter) {
        ok(http.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}"), 201);
    }

    /** Evidence of work at {@code level}, dated on the quarter's eleventh day. */
    public String evidence(String person, String quarter, String level) {
        String on = YearQuarter.parse(quarter).firstDay().plusDays(10).toString();
        return ok(http.post(quarterPath(person, quarter) + "/evidence", """
                {"title":"Work at %s","impact":"Adopted by three teams","dimension":"IMPACT","demonstratesLevel":"%s",
                 "occurredOn":"%s"}""".formatted(level, level, on)), 201).get("evidenceId").asText();
    }

    public JsonNode assess(String person, String quarter, String level) {
        return ok(http.post(quarterPath(person, quarter) + "/assessment", """
                {"operatingLevel":"%s","rationale":"Operated at %s"}""".formatted(level, level)), 201);
    }

    /** Opens a quarter, logs evidence at {@code level}, and assesses it at {@code level}. */
    public void quarterAt(String person, String quarter, String level) {
        open(person, quarter);
        evidence(person, quarter, level);
        assess(person, quarter, level);
    }

    public void reopen(String person, String quarter) {
        ok(http.post(quarterPath(person, quarter) + "/reopen", "{\"reason\":\"Calibration moved it\"}"), 200);
    }

    public JsonNode promote(String person, String level) {
        return ok(http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Sustained next-level impact"}""".formatted(level)), 201);
    }

    public JsonNode promoteOverride(String person, String level) {
        return ok(http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Exceptional","override":{"justification":"Committee vote 5-0"}}"""
                .formatted(level)), 201);
    }

    public JsonNode switchTrack(String person, String track) {
        return ok(http.post("/api/people/" + person + "/track-switches", """
                {"targetTrack":"%s","rationale":"Wants to grow a team"}""".formatted(track)), 201);
    }

    public JsonNode get(String path) {
        return ok(http.get(path), 200);
    }

    public JsonNode performanceHistory(String person) {
        return get("/api/people/" + person + "/performance-history");
    }

    public JsonNode person(String person) {
        return get("/api/people/" + person);
    }

    public JsonNode quarter(String person, String quarter) {
        return get(quarterPath(person, quarter));
    }

    /** The line of {@code quarter} in a performance history. */
    public static JsonNode line(JsonNode history, String quarter) {
        for (JsonNode q : history.get("quarters")) {
            if (q.get("quarter").asText().equals(quarter)) {
                return q;
            }
        }
        throw new AssertionError("no line for " + quarter + " in " + history);
    }

    /** The ids of the people on one page of a people list. */
    public static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    /** GETs {@code path} until its JSON satisfies {@code done}: for the read models that are not read-your-writes. */
    public JsonNode await(String what, String path, Predicate<JsonNode> done) {
        return Eventually.await(what, () -> {
            Http.Response r = http.get(path);
            return r.status() == 200 ? r.json() : null;
        }, json -> json != null && done.test(json));
    }

    public JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    public static String quarterPath(String person, String quarter) {
        return "/api/people/" + person + "/quarters/" + quarter;
    }
}
