package com.careerledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REST calls the scenarios make, as any client makes them (contract: ../shared/spec/api.md): people, past
 * quarters and their evidence, the read models, and the projections' admin view. Evidence goes into past quarters
 * (the record of work done, dated inside its quarter), so nothing depends on the day the suite runs.
 */
final class Ledger {

    /** A person the suite registered, with the quarters it opened for them. */
    record Person(String id, String name, List<String> quarters) {
    }

    static final String LEVEL = "IC3";

    private Ledger() {
    }

    static Person register(Http http, String name, String email, List<String> quarters) throws IOException {
        JsonNode person = http.expect(201, http.post("/api/people", """
                {"name":"%s","email":"%s","discipline":"ENGINEERING","track":"IC","level":"%s"}"""
                .formatted(name, email, LEVEL)), "registering " + name);
        String id = person.get("id").asText();
        for (String quarter : quarters) {
            openQuarter(http, id, quarter);
        }
        return new Person(id, name, List.copyOf(quarters));
    }

    static void openQuarter(Http http, String personId, String quarter) throws IOException {
        http.expect(201, http.post("/api/people/" + personId + "/quarters", "{\"quarter\":\"" + quarter + "\"}"),
                "opening " + quarter + " of " + personId);
    }

    /**
     * The {@code n} quarters up to and including {@code last}, oldest first: enough of them that a load never fills
     * one (a quarter holds at most 100 pieces of evidence).
     */
    static List<String> quartersUpTo(String last, int n) {
        int year = Integer.parseInt(last.substring(0, 4));
        int q = last.charAt(6) - '0';
        java.util.LinkedList<String> quarters = new java.util.LinkedList<>();
        for (int i = 0; i < n; i++) {
            quarters.addFirst(year + "-Q" + q);
            if (--q == 0) {
                q = 4;
                year--;
            }
        }
        return List.copyOf(quarters);
    }

    static String evidencePath(String personId, String quarter) {
        return "/api/people/" + personId + "/quarters/" + quarter + "/evidence";
    }

    static String evidenceBody(String title, String quarter) {
        return """
                {"title":"%s","impact":"Kept the record straight while things broke","dimension":"IMPACT",\
                "demonstratesLevel":"%s","occurredOn":"%s"}""".formatted(title, LEVEL, dayIn(quarter));
    }

    static Http.Response logEvidence(Http http, String personId, String quarter, String title) throws IOException {
        return http.post(evidencePath(personId, quarter), evidenceBody(title, quarter));
    }

    /** A day in the middle of a quarter written {@code YYYY-Qn}: the 14th of its second month. */
    static String dayIn(String quarter) {
        int year = Integer.parseInt(quarter.substring(0, 4));
        int q = Integer.parseInt(quarter.substring(6));
        return String.format("%04d-%02d-14", year, (q - 1) * 3 + 2);
    }

    /** Every item of a paged list ({@code {items, page, size, total}}), page by page. */
    static ArrayNode items(Http http, String path) throws IOException {
        ArrayNode all = Http.JSON.createArrayNode();
        for (int page = 0; page < 1000; page++) {
            Http.Response r = http.get(path + (path.contains("?") ? "&" : "?") + "page=" + page + "&size=200");
            JsonNode body = http.expect(200, r, "GET " + path);
            JsonNode items = body.get("items");
            items.forEach(all::add);
            if (items.isEmpty() || all.size() >= body.get("total").asLong()) {
                return all;
            }
        }
        throw new IllegalStateException(path + " has more than 1000 pages");
    }

    static Set<String> winLogIds(Http http, String personId) throws IOException {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : items(http, "/api/people/" + personId + "/win-log")) {
            ids.add(e.get("evidenceId").asText());
        }
        return ids;
    }

    /** The win log's evidence ids, in order, duplicates kept (an entry listed twice is a fault of its own). */
    static List<String> winLogIdList(Http http, String personId) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode e : items(http, "/api/people/" + personId + "/win-log")) {
            ids.add(e.get("evidenceId").asText());
        }
        return ids;
    }

    static Set<String> quarterEvidenceIds(Http http, String personId, String quarter) throws IOException {
        JsonNode view = http.expect(200, http.get("/api/people/" + personId + "/quarters/" + quarter),
                "GET quarter " + quarter + " of " + personId);
        Set<String> ids = new HashSet<>();
        view.get("evidence").forEach(e -> ids.add(e.get("evidenceId").asText()));
        return ids;
    }

    static JsonNode projections(Http http) throws IOException {
        return http.expect(200, http.get("/api/admin/projections"), "GET /api/admin/projections");
    }

    /** Every tracking projection live, at the head of the event store, no rebuild under way. */
    static boolean caughtUp(JsonNode projections) {
        for (JsonNode p : projections.get("items")) {
            if ("tracking".equals(p.path("kind").asText())
                    && !("LIVE".equals(p.path("state").asText()) && p.path("lag").asLong(-1) == 0 && !p.hasNonNull("rebuild"))) {
                return false;
            }
        }
        return true;
    }

    /** The tracking projections' states and lags, for a report: {@code quarters LIVE lag 0, …}. */
    static String describe(JsonNode projections) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : projections.get("items")) {
            if ("tracking".equals(p.path("kind").asText())) {
                parts.add(p.path("name").asText() + " " + p.path("state").asText() + " lag "
                        + (p.hasNonNull("lag") ? p.get("lag").asText() : "?"));
            }
        }
        return String.join(", ", parts);
    }

    static Wait.Outcome<JsonNode> awaitCaughtUp(Http http, Duration limit) {
        return Wait.until(() -> projections(http), Ledger::caughtUp, limit);
    }

    /**
     * The JSON of every read model a client sees for these people: the directory, and per person the person,
     * performance history, timeline, win log, quarter list and each quarter view. Equal snapshots: equal read models.
     */
    static Map<String, JsonNode> snapshot(Http http, List<Person> people) throws IOException {
        Map<String, JsonNode> views = new LinkedHashMap<>();
        views.put("/api/people", items(http, "/api/people"));
        for (Person p : people) {
            String base = "/api/people/" + p.id();
            views.put(base, http.expect(200, http.get(base), "GET " + base));
            views.put(base + "/performance-history",
                    http.expect(200, http.get(base + "/performance-history"), "GET performance history"));
            views.put(base + "/timeline", items(http, base + "/timeline"));
            views.put(base + "/win-log", items(http, base + "/win-log"));
            views.put(base + "/quarters", items(http, base + "/quarters"));
            for (String q : p.quarters()) {
                views.put(base + "/quarters/" + q, http.expect(200, http.get(base + "/quarters/" + q), "GET quarter " + q));
            }
        }
        return views;
    }

    /** The views whose JSON differs between two snapshots. */
    static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> differ = new ArrayList<>();
        Set<String> paths = new HashSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            JsonNode a = before.get(path);
            JsonNode b = after.get(path);
            if (a == null || !a.equals(b)) {
                differ.add(path);
            }
        }
        differ.sort(null);
        return differ;
    }
}
