package com.careerledger.api.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Careers told through the HTTP API, for tests that need many kinds of events. */
public final class CareerStories {

    private final Http http;
    private final int port;

    public CareerStories(int port) {
        this.port = port;
        this.http = new Http(port);
    }

    public Http http() {
        return http;
    }

    public String register(String name, String track, String level) {
        Http.Response r = http.post("/api/people", """
                {"name":"%s","email":"%s-%s@example.com","discipline":"ENGINEERING","track":"%s","level":"%s"}"""
                .formatted(name, name.toLowerCase().replace(' ', '.'), UUID.randomUUID(), track, level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    public JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    public void open(String person, String quarter) {
        ok(http.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}"), 201);
    }

    public String goal(String person, String quarter, String title) {
        return ok(http.post(q(person, quarter) + "/goals", """
                {"title":"%s","description":"Aim at the next level","dimension":"SCOPE","measure":"Shipped and adopted"}"""
                .formatted(title)), 201).get("goalId").asText();
    }

    public String evidence(String person, String quarter, String title, String level) {
        return ok(http.post(q(person, quarter) + "/evidence", """
                {"title":"%s","impact":"Measured impact","dimension":"IMPACT","demonstratesLevel":"%s","occurredOn":"%s"}"""
                .formatted(title, level, QuarterDates.occurredOn(quarter))), 201).get("evidenceId").asText();
    }

    public void assess(String person, String quarter, String level) {
        ok(http.post(q(person, quarter) + "/assessment", """
                {"operatingLevel":"%s","rationale":"Operated at %s"}""".formatted(level, level)), 201);
    }

    public JsonNode promote(String person, String level) {
        return ok(http.post("/api/people/" + person + "/promotions", """
                {"targetLevel":"%s","rationale":"Sustained impact"}""".formatted(level)), 201);
    }

    public void quarterAt(String person, String quarter, String level) {
        open(person, quarter);
        evidence(person, quarter, "Work at " + level + " in " + quarter, level);
        assess(person, quarter, level);
    }

    public void assignManager(String person, String manager) {
        ok(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/people/" + person + "/manager"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"managerId\":\"" + manager + "\"}"))), 200);
    }

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
        ok(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + q(ada, "2026-Q1") + "/goals/" + g1))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Lead the API redesign across 3 teams","dimension":"SCOPE","measure":"p95 < 200 ms"}"""))), 200);
        ok(http.post(q(ada, "2026-Q1") + "/goals/" + g1 + "/progress", "{\"status\":\"ON_TRACK\",\"note\":\"Design approved\"}"), 200);
        ok(http.post(q(ada, "2026-Q1") + "/goals/" + g2 + "/drop", "{\"reason\":\"No intern this quarter\"}"), 200);
        String wrong = evidence(ada, "2026-Q1", "Logged in the wrong quarter", "IC2");
        ok(http.post(q(ada, "2026-Q1") + "/evidence/" + wrong + "/retraction", "{\"reason\":\"Belongs to 2025-Q4\"}"), 200);
        evidence(ada, "2026-Q1", "Led the API redesign", "IC3");
        ok(http.post(q(ada, "2026-Q1") + "/feedback", "{\"relationship\":\"PEER\",\"text\":\"Unblocked us\",\"signalsLevel\":\"IC3\"}"), 201);
        assess(ada, "2026-Q1", "IC3");
        quarterAt(ada, "2026-Q2", "IC2");
        ok(http.post(q(ada, "2026-Q2") + "/reopen", "{\"reason\":\"Calibration raised it\"}"), 200);
        evidence(ada, "2026-Q2", "Owned checkout v2 end to end", "IC3");
        assess(ada, "2026-Q2", "IC3");
        promote(ada, "IC3");
        quarterAt(ada, "2026-Q3", "IC3");
        // a quarter the promotion rests on is reopened (it leaves the record, the decision is marked) and
        // re-assessed below the promoted level (the decision would no longer hold)
        ok(http.post(q(ada, "2026-Q2") + "/reopen", "{\"reason\":\"Calibration lowered it\"}"), 200);
        assess(ada, "2026-Q2", "IC2");

        quarterAt(lead, "2026-Q1", "IC4");
        quarterAt(lead, "2026-Q2", "IC4");
        // an open quarter moves to the manager track with the switch
        open(lead, "2026-Q3");
        evidence(lead, "2026-Q3", "Ran the incident review", "IC4");
        ok(http.post("/api/people/" + lead + "/track-switches", "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Wants a team\"}"), 201);
        promote(lead, "M2");

        // a round trip between tracks: M3 -> IC6 (named, M3 has two IC equivalents) -> M3
        ok(http.post("/api/people/" + director + "/track-switches",
                "{\"targetTrack\":\"IC\",\"rationale\":\"Back to building\",\"targetLevel\":\"IC6\"}"), 201);
        ok(http.post("/api/people/" + director + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Leads the org again\"}"), 201);

        quarterAt(bo, "2026-Q1", "IC1");
        ok(http.post("/api/people/" + bo + "/promotions",
                "{\"targetLevel\":\"IC2\",\"rationale\":\"Exceptional\",\"override\":{\"justification\":\"Committee vote 5-0\"}}"), 201);
        ok(http.post("/api/people/" + bo + "/level-corrections", "{\"level\":\"IC1\",\"reason\":\"Override reversed on appeal\"}"), 201);
        assignManager(bo, director);
        return people;
    }

    private static String q(String person, String quarter) {
        return "/api/people/" + person + "/quarters/" + quarter;
    }
}
