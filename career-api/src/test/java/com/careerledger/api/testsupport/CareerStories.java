package com.careerledger.api.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Careers told through the HTTP API: the one set of steps the API tests write their stories with. Each write asserts
 * it was accepted and answers what the API answered. Evidence is dated inside its quarter ({@link QuarterDates}), so
 * a story on past quarters stays valid whatever day the suite runs.
 */
public final class CareerStories {

    private final Http http;

    public CareerStories(int port) {
        this.http = new Http(port);
    }

    public Http http() {
        return http;
    }

    // --- people ------------------------------------------------------------------------------------------------

    /** An engineer, on {@code track} at {@code level}, with no manager. */
    public String register(String name, String track, String level) {
        return register(name, "ENGINEERING", track, level, null);
    }

    /** Robin, an engineer on {@code track} at {@code level}. */
    public String register(String track, String level) {
        return register("Robin", track, level);
    }

    /** Robin, an engineer on the individual contributor track at {@code level}. */
    public String register(String level) {
        return register("IC", level);
    }

    /** @param managerId null for none */
    public String register(String name, String discipline, String track, String level, String managerId) {
        return ok(http.post("/api/people", """
                {"name":"%s","email":"%s-%s@example.com","discipline":"%s","track":"%s","level":"%s"%s}"""
                .formatted(name, name.toLowerCase().replace(' ', '.'), UUID.randomUUID(), discipline, track, level,
                        managerId == null ? "" : ",\"managerId\":\"" + managerId + "\"")), 201).get("id").asText();
    }

    public void assignManager(String person, String manager) {
        ok(http.put("/api/people/" + person + "/manager", "{\"managerId\":\"" + manager + "\"}"), 200);
    }

    public JsonNode promote(String person, String level) {
        return ok(http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Sustained next-level impact"}""".formatted(level)), 201);
    }

    /** A promotion without the sustained record, by the committee's override. */
    public JsonNode promoteOverride(String person, String level) {
        return ok(http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Exceptional","override":{"justification":"Committee vote 5-0"}}"""
                .formatted(level)), 201);
    }

    public JsonNode switchTrack(String person, String track) {
        return ok(http.post("/api/people/" + person + "/track-switches", """
                {"targetTrack":"%s","rationale":"Wants to grow a team"}""".formatted(track)), 201);
    }

    public JsonNode correct(String person, String level) {
        return ok(http.post("/api/people/" + person + "/level-corrections", """
                {"level":"%s","reason":"Registered at the wrong level"}""".formatted(level)), 201);
    }

    // --- quarters ----------------------------------------------------------------------------------------------

    public void open(String person, String quarter) {
        ok(http.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}"), 201);
    }

    /** A goal on the IMPACT dimension. */
    public String goal(String person, String quarter, String title) {
        return ok(http.post(quarterPath(person, quarter) + "/goals", """
                {"title":"%s","description":"Next-level scope","dimension":"IMPACT","measure":"p95 under 200 ms"}"""
                .formatted(title)), 201).get("goalId").asText();
    }

    /** The goal renamed, and moved to the OWNERSHIP dimension. */
    public void reviseGoal(String person, String quarter, String goalId, String title) {
        ok(http.put(quarterPath(person, quarter) + "/goals/" + goalId, """
                {"title":"%s","dimension":"OWNERSHIP","measure":"Shipped by week 10"}""".formatted(title)), 200);
    }

    /** The goal at risk: "Blocked on payments". */
    public void progress(String person, String quarter, String goalId) {
        ok(http.post(quarterPath(person, quarter) + "/goals/" + goalId + "/progress",
                "{\"status\":\"AT_RISK\",\"note\":\"Blocked on payments\"}"), 200);
    }

    public void dropGoal(String person, String quarter, String goalId) {
        ok(http.post(quarterPath(person, quarter) + "/goals/" + goalId + "/drop",
                "{\"reason\":\"Deprioritised by the team\"}"), 200);
    }

    /** Evidence on the IMPACT dimension of work at {@code level}. */
    public String evidence(String person, String quarter, String title, String level) {
        return evidence(person, quarter, title, level, "IMPACT");
    }

    public String evidence(String person, String quarter, String title, String level, String dimension) {
        return ok(http.post(quarterPath(person, quarter) + "/evidence", """
                {"title":"%s","description":"Three teams","impact":"p95 800ms to 200ms",
                 "dimension":"%s","demonstratesLevel":"%s","occurredOn":"%s"}"""
                .formatted(title, dimension, level, QuarterDates.occurredOn(quarter))), 201).get("evidenceId").asText();
    }

    public void retract(String person, String quarter, String evidenceId) {
        ok(http.post(quarterPath(person, quarter) + "/evidence/" + evidenceId + "/retraction",
                "{\"reason\":\"Logged in the wrong quarter\"}"), 200);
    }

    /** A peer's feedback suggesting IC3: "Unblocked three teams". */
    public void feedback(String person, String quarter) {
        ok(http.post(quarterPath(person, quarter) + "/feedback",
                "{\"relationship\":\"PEER\",\"text\":\"Unblocked three teams\",\"signalsLevel\":\"IC3\"}"), 201);
    }

    public JsonNode assess(String person, String quarter, String level) {
        return assess(person, quarter, level, "Operated at " + level);
    }

    public JsonNode assess(String person, String quarter, String level, String rationale) {
        return ok(http.post(quarterPath(person, quarter) + "/assessment", """
                {"operatingLevel":"%s","rationale":"%s"}""".formatted(level, rationale)), 201);
    }

    public void reopen(String person, String quarter) {
        ok(http.post(quarterPath(person, quarter) + "/reopen", "{\"reason\":\"Calibration moved it\"}"), 200);
    }

    /** Opens a quarter, logs evidence of work at {@code level} and assesses it there; answers the assessment. */
    public JsonNode quarterAt(String person, String quarter, String level) {
        open(person, quarter);
        evidence(person, quarter, "Work at " + level + " in " + quarter, level);
        return assess(person, quarter, level);
    }

    /** Opens a quarter and assesses it; an assessment above the level held gets the evidence it needs. */
    public JsonNode quarterAt(String person, String quarter, String levelHeld, String operatingLevel) {
        if (!operatingLevel.equals(levelHeld)) {
            return quarterAt(person, quarter, operatingLevel);
        }
        open(person, quarter);
        return assess(person, quarter, operatingLevel);
    }

    // --- reads -------------------------------------------------------------------------------------------------

    public JsonNode get(String path) {
        return ok(http.get(path), 200);
    }

    public JsonNode person(String person) {
        return get("/api/people/" + person);
    }

    public JsonNode quarter(String person, String quarter) {
        return get(quarterPath(person, quarter));
    }

    public JsonNode performanceHistory(String person) {
        return get("/api/people/" + person + "/performance-history");
    }

    /** GETs {@code path} until its JSON satisfies {@code done}: for the read models that are not read-your-writes. */
    public JsonNode await(String what, String path, Predicate<JsonNode> done) {
        return Eventually.await(what, () -> {
            Http.Response r = http.get(path);
            return r.status() == 200 ? r.json() : null;
        }, json -> json != null && done.test(json));
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

    /**
     * An account with one role, linked to a person (or to none: {@code personId} null), made by the admin; answers
     * its username, {@code name} with a suffix unique in the run (sign in with {@code http().as(username, password)}).
     */
    public String account(String name, String password, String role, String personId) {
        String username = name + "-" + Long.toString(System.nanoTime(), 36);
        created("/api/accounts", """
                {"username":"%s","password":"%s","roles":["%s"]%s}""".formatted(username, password, role,
                personId == null ? "" : ",\"personId\":\"" + personId + "\""));
        return username;
    }

    /** POSTs {@code json} to {@code path} and asserts it was created (201): a decision, say. Answers the JSON. */
    public JsonNode created(String path, String json) {
        return ok(http.post(path, json), 201);
    }

    /** The id of the assessment an assessment's answer ({@link #assess}, {@link #quarterAt}) carries. */
    public static String assessmentId(JsonNode assessed) {
        return assessed.get("assessment").get("assessmentId").asText();
    }

    /** Asserts the answer's status; answers its JSON, null for an empty body. */
    public JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    public static String quarterPath(String person, String quarter) {
        return "/api/people/" + person + "/quarters/" + quarter;
    }

    // --- whole careers -----------------------------------------------------------------------------------------

    /**
     * Several people and every kind of event: goals set, revised, progressed and dropped; evidence logged and
     * retracted; feedback; assessments, reopenings and amendments (one of a quarter a promotion rests on);
     * promotions (one overridden), track switches (one moving an open quarter, one round trip), a correction and
     * manager changes. Returns the people's ids.
     */
    public List<String> richCareers() {
        List<String> people = new ArrayList<>();
        String director = register("Dana Director", "MANAGER", "M3");
        String lead = register("Lee Lead", "IC", "IC3");
        String ada = register("Ada Engineer", "IC", "IC2");
        String bo = register("Bo Builder", "IC", "IC1");
        people.addAll(List.of(director, lead, ada, bo));
        assignManager(lead, director);
        assignManager(ada, lead);
        assignManager(bo, lead);

        open(ada, "2026-Q1");
        String g1 = goal(ada, "2026-Q1", "Lead the API redesign");
        String g2 = goal(ada, "2026-Q1", "Mentor an intern");
        reviseGoal(ada, "2026-Q1", g1, "Lead the API redesign across 3 teams");
        progress(ada, "2026-Q1", g1);
        dropGoal(ada, "2026-Q1", g2);
        retract(ada, "2026-Q1", evidence(ada, "2026-Q1", "Logged in the wrong quarter", "IC2"));
        evidence(ada, "2026-Q1", "Led the API redesign", "IC3");
        feedback(ada, "2026-Q1");
        assess(ada, "2026-Q1", "IC3");
        quarterAt(ada, "2026-Q2", "IC2");
        reopen(ada, "2026-Q2");
        evidence(ada, "2026-Q2", "Owned checkout v2 end to end", "IC3");
        assess(ada, "2026-Q2", "IC3");
        promote(ada, "IC3");
        quarterAt(ada, "2026-Q3", "IC3");
        // a quarter the promotion rests on is reopened (it leaves the record, the decision is marked) and
        // re-assessed below the promoted level (the decision would no longer hold)
        reopen(ada, "2026-Q2");
        assess(ada, "2026-Q2", "IC2");

        quarterAt(lead, "2026-Q1", "IC4");
        quarterAt(lead, "2026-Q2", "IC4");
        // an open quarter moves to the manager track with the switch
        open(lead, "2026-Q3");
        evidence(lead, "2026-Q3", "Ran the incident review", "IC4");
        switchTrack(lead, "MANAGER");
        promote(lead, "M2");

        // a round trip between tracks: M3 -> IC6 (named, M3 has two IC equivalents) -> M3
        ok(http.post("/api/people/" + director + "/track-switches",
                "{\"targetTrack\":\"IC\",\"rationale\":\"Back to building\",\"targetLevel\":\"IC6\"}"), 201);
        switchTrack(director, "MANAGER");

        quarterAt(bo, "2026-Q1", "IC1");
        promoteOverride(bo, "IC2");
        correct(bo, "IC1");
        assignManager(bo, director);
        return people;
    }
}
