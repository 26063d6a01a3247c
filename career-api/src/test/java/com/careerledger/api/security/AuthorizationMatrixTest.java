package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every role × the caller's own record, a report's, and someone else's: allowed or denied.
 * A denial is 403 or 404 and never carries the target's data. Each object-level rule of {@link Access} has
 * denying rows here, so removing a check makes this test fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    enum Caller { EMPLOYEE, MANAGER, COMMITTEE, ADMIN }

    enum Target { SELF, REPORT, OTHER }

    /** Allowed: anything but 401/403/404. Denied: 403 or 404. */
    enum Expect { ALLOW, DENY }

    record Endpoint(String name, String method, String path, String body) {
    }

    @LocalServerPort
    int port;

    Map<Caller, Http> callers;
    Map<String, String> people; // boss, ada, stranger -> id
    Map<String, String> goals;
    Map<String, String> evidence;
    Map<String, String> decisions;

    @BeforeAll
    void setUp() {
        CareerStories stories = new CareerStories(port);
        Http admin = stories.http();
        String boss = stories.register("Boss Matrix", "MANAGER", "M1");
        String ada = stories.register("Ada Matrix", "IC", "IC2");
        String stranger = stories.register("Stranger Matrix", "IC", "IC2");
        stories.assignManager(ada, boss);
        people = Map.of("boss", boss, "ada", ada, "stranger", stranger);
        goals = new java.util.HashMap<>();
        evidence = new java.util.HashMap<>();
        decisions = new java.util.HashMap<>();
        for (String p : List.of(boss, ada, stranger)) {
            stories.open(p, "2026-Q1");
            stories.open(p, "2026-Q2");
            goals.put(p, stories.goal(p, "2026-Q1", "Goal of " + p));
            evidence.put(p, stories.evidence(p, "2026-Q1", "Evidence of " + p, "IC2"));
            String level = p.equals(boss) ? "M2" : "IC3";
            decisions.put(p, stories.ok(admin.post("/api/people/" + p + "/level-corrections",
                    "{\"level\":\"" + level + "\",\"reason\":\"Matrix setup\"}"), 201).get("decisionId").asText());
            stories.ok(admin.post("/api/people/" + p + "/level-corrections",
                    "{\"level\":\"" + (p.equals(boss) ? "M1" : "IC2") + "\",\"reason\":\"Matrix setup back\"}"), 201);
        }
        for (String p : List.of(boss, ada, stranger)) {
            com.careerledger.api.testsupport.Eventually.await("decision audited", () -> admin.get("/api/promotions/" + decisions.get(p)).status(),
                    status -> status == 200);
        }
        String password = "matrix-password-1";
        callers = Map.of(
                Caller.EMPLOYEE, admin.as(stories.account("ada", password, "EMPLOYEE", ada), password),
                Caller.MANAGER, admin.as(stories.account("boss", password, "MANAGER", boss), password),
                Caller.COMMITTEE, admin.as(stories.account("committee", password, "COMMITTEE", null), password),
                Caller.ADMIN, admin);
    }

    /** Who the target person is, for a caller. */
    private String person(Caller caller, Target target) {
        return switch (target) {
            case SELF -> caller == Caller.MANAGER ? people.get("boss") : people.get("ada");
            case REPORT -> people.get("ada");
            case OTHER -> people.get("stranger");
        };
    }

    static final List<Endpoint> PERSON_READS = List.of(
            new Endpoint("get person", "GET", "/api/people/{p}", null),
            new Endpoint("list quarters", "GET", "/api/people/{p}/quarters", null),
            new Endpoint("get quarter", "GET", "/api/people/{p}/quarters/2026-Q1", null),
            new Endpoint("timeline", "GET", "/api/people/{p}/timeline", null),
            new Endpoint("performance history", "GET", "/api/people/{p}/performance-history", null),
            new Endpoint("win log", "GET", "/api/people/{p}/win-log", null),
            new Endpoint("history as of", "GET", "/api/people/{p}/history", null),
            new Endpoint("raw events", "GET", "/api/people/{p}/events", null),
            new Endpoint("decisions of a person", "GET", "/api/promotions?personId={p}", null),
            new Endpoint("one decision", "GET", "/api/promotions/{decision}", null));

    static final List<Endpoint> OWN_WORK = List.of(
            new Endpoint("open quarter", "POST", "/api/people/{p}/quarters", "{\"quarter\":\"{past quarter}\"}"),
            new Endpoint("set goal", "POST", "/api/people/{p}/quarters/2026-Q2/goals",
                    "{\"title\":\"t\",\"dimension\":\"SCOPE\",\"measure\":\"m\"}"),
            new Endpoint("revise goal", "PUT", "/api/people/{p}/quarters/2026-Q1/goals/{goal}",
                    "{\"title\":\"t2\",\"dimension\":\"SCOPE\",\"measure\":\"m\"}"),
            new Endpoint("progress", "POST", "/api/people/{p}/quarters/2026-Q1/goals/{goal}/progress", "{\"status\":\"ON_TRACK\"}"),
            new Endpoint("log evidence", "POST", "/api/people/{p}/quarters/2026-Q2/evidence",
                    "{\"title\":\"e\",\"impact\":\"i\",\"dimension\":\"IMPACT\",\"demonstratesLevel\":\"IC2\",\"occurredOn\":\"2026-04-02\"}"),
            new Endpoint("retract evidence", "POST", "/api/people/{p}/quarters/2026-Q1/evidence/{evidence}/retraction",
                    "{\"reason\":\"r\"}"),
            // the relationship follows from the caller: the person's own, or their manager's
            new Endpoint("feedback", "POST", "/api/people/{p}/quarters/2026-Q2/feedback", "{\"text\":\"t\"}"));

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Caller c : Caller.values()) {
            for (Target t : targetsOf(c)) {
                boolean related = t == Target.SELF || (c == Caller.MANAGER && t == Target.REPORT);
                boolean all = c == Caller.ADMIN || c == Caller.COMMITTEE;
                for (Endpoint e : PERSON_READS) {
                    rows.add(Arguments.of(c, t, e, all || related ? Expect.ALLOW : Expect.DENY));
                }
                for (Endpoint e : OWN_WORK) {
                    rows.add(Arguments.of(c, t, e, c == Caller.ADMIN || (related && c != Caller.COMMITTEE) ? Expect.ALLOW : Expect.DENY));
                }
                // a stated relationship must be the caller's own: SELF from the person, MANAGER from a manager in
                // the line; PEER and REPORT feedback come through feedback requests. An admin outside the line
                // records feedback given elsewhere under the relationship stated.
                rows.add(Arguments.of(c, t, new Endpoint("self feedback", "POST", "/api/people/{p}/quarters/2026-Q2/feedback",
                        "{\"relationship\":\"SELF\",\"text\":\"t\"}"),
                        c == Caller.ADMIN || (t == Target.SELF && c != Caller.COMMITTEE) ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("manager feedback", "POST", "/api/people/{p}/quarters/2026-Q2/feedback",
                        "{\"relationship\":\"MANAGER\",\"text\":\"t\"}"),
                        c == Caller.ADMIN || (c == Caller.MANAGER && t == Target.REPORT) ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("peer feedback", "POST", "/api/people/{p}/quarters/2026-Q2/feedback",
                        "{\"relationship\":\"PEER\",\"text\":\"t\"}"), c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
                // assessments belong to the person's managers; the committee reads and decides on them
                rows.add(Arguments.of(c, t, new Endpoint("assess quarter", "POST", "/api/people/{p}/quarters/2026-Q1/assessment",
                        "{\"operatingLevel\":\"IC2\",\"rationale\":\"r\"}"),
                        c == Caller.ADMIN || (c == Caller.MANAGER && t == Target.REPORT) ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("reopen quarter", "POST", "/api/people/{p}/quarters/2026-Q1/reopen",
                        "{\"reason\":\"r\"}"),
                        c == Caller.ADMIN || (c == Caller.MANAGER && t == Target.REPORT) ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("promote", "POST", "/api/people/{p}/promotions",
                        "{\"targetLevel\":\"IC3\",\"rationale\":\"r\"}"), all ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("switch track", "POST", "/api/people/{p}/track-switches",
                        "{\"targetTrack\":\"MANAGER\",\"rationale\":\"r\"}"), all ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("correct level", "POST", "/api/people/{p}/level-corrections",
                        "{\"level\":\"IC2\",\"reason\":\"r\"}"), c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
                rows.add(Arguments.of(c, t, new Endpoint("assign manager", "PUT", "/api/people/{p}/manager",
                        "{\"managerId\":\"{boss}\"}"), c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            }
            // endpoints without a person in the path
            boolean all = c == Caller.ADMIN || c == Caller.COMMITTEE;
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("register", "POST", "/api/people",
                    "{\"name\":\"N\",\"email\":\"n-{n}@example.com\",\"discipline\":\"ENGINEERING\",\"track\":\"IC\",\"level\":\"IC0\"}"),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            // everyone lists decisions: the committee all of them, others those of the people they see
            // (decisions_listed_without_a_filter_are_those_the_caller_may_see)
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("all decisions", "GET", "/api/promotions", null),
                    Expect.ALLOW));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("readiness board", "GET", "/api/readiness", null),
                    c == Caller.EMPLOYEE ? Expect.DENY : Expect.ALLOW));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("projections", "GET", "/api/admin/projections", null),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("rebuild", "POST", "/api/admin/projections/stats/rebuild", ""),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            if (c != Caller.ADMIN) {
                // refused to all but ADMIN; the admin's rebuild of everything is ProjectionReplayTest's (here it
                // would empty every read model under the tests that follow)
                rows.add(Arguments.of(c, Target.OTHER, new Endpoint("rebuild all", "POST", "/api/admin/projections/rebuild", ""),
                        Expect.DENY));
            }
            // cancels the rebuild of stats above, if it still runs: the current tables stay as they are
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("cancel the rebuild", "DELETE",
                    "/api/admin/projections/rebuild", null), c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("dead letters", "GET", "/api/admin/dead-letters", null),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            if (c != Caller.ADMIN) {
                // refused to all but ADMIN; what the admin's answers hold is DeadLetterTest's (with no such letter
                // they are 404, which this matrix counts as a denial)
                rows.add(Arguments.of(c, Target.OTHER, new Endpoint("retry a dead letter", "POST",
                        "/api/admin/dead-letters/" + UUID.randomUUID() + "/retry", ""), Expect.DENY));
                rows.add(Arguments.of(c, Target.OTHER, new Endpoint("evict a dead letter", "POST",
                        "/api/admin/dead-letters/" + UUID.randomUUID() + "/eviction", "{\"reason\":\"r\"}"), Expect.DENY));
                // the admin's scrape is DeadLetterTest's: Spring Boot's tests export metrics only when asked
                rows.add(Arguments.of(c, Target.OTHER, new Endpoint("actuator prometheus", "GET", "/actuator/prometheus", null),
                        Expect.DENY));
            }
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("retry all dead letters", "POST",
                    "/api/admin/dead-letters/retry", ""), c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("accounts", "GET", "/api/accounts", null),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("create account", "POST", "/api/accounts",
                    "{\"username\":\"acct-{n}\",\"password\":\"another-password-9\",\"roles\":[\"EMPLOYEE\"]}"),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("me", "GET", "/api/accounts/me", null), Expect.ALLOW));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("stats", "GET", "/api/stats", null),
                    all ? Expect.ALLOW : Expect.DENY));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("framework", "GET", "/api/framework", null), Expect.ALLOW));
            rows.add(Arguments.of(c, Target.OTHER, new Endpoint("actuator env", "GET", "/actuator/env", null),
                    c == Caller.ADMIN ? Expect.ALLOW : Expect.DENY));
        }
        return rows.stream();
    }

    private static List<Target> targetsOf(Caller c) {
        return c == Caller.MANAGER ? List.of(Target.SELF, Target.REPORT, Target.OTHER) : List.of(Target.SELF, Target.OTHER);
    }

    private static int counter;
    private static int opened;

    /**
     * A quarter no one of the matrix has opened yet, for each row that opens one: a past one (only the current and
     * the next quarter may be opened ahead), counting back from 2024-Q4, before the quarters the setup opens.
     */
    private static String pastQuarter() {
        int n = opened++;
        return (2024 - n / 4) + "-Q" + (4 - n % 4);
    }

    @ParameterizedTest(name = "{0} {2} on {1}: {3}")
    @MethodSource("matrix")
    void endpoint_role_and_relationship(Caller caller, Target target, Endpoint endpoint, Expect expect) {
        String p = person(caller, target);
        String n = String.valueOf(++counter);
        String path = endpoint.path().replace("{p}", p).replace("{goal}", goals.get(p)).replace("{evidence}", evidence.get(p))
                .replace("{decision}", decisions.get(p))
                .replace("{n}", n);
        String body = endpoint.body() == null ? null : endpoint.body().replace("{boss}", people.get("boss"))
                .replace("{past quarter}", endpoint.body().contains("{past quarter}") ? pastQuarter() : "").replace("{n}", n);
        Http http = callers.get(caller);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (body == null) {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        Http.Response r = http.send(request);

        String what = caller + " " + endpoint.name() + " on " + target + " -> " + r.status() + " " + r.body();
        if (expect == Expect.ALLOW) {
            assertThat(r.status()).as(what).isNotIn(401, 403, 404).isLessThan(500);
        } else {
            assertThat(r.status()).as(what).isIn(403, 404);
            assertThat(r.body()).as(what).doesNotContain("Matrix", "Evidence of", "Goal of");
        }
    }

    /** The matrix must cover each object-level rule with a denial, or removing that rule would go unnoticed. */
    @org.junit.jupiter.api.Test
    void each_object_level_rule_has_denying_rows() {
        BiFunction<String, Caller, Long> denials = (name, caller) -> matrix()
                .filter(a -> ((Endpoint) a.get()[2]).name().equals(name) && a.get()[0] == caller && a.get()[3] == Expect.DENY)
                .count();
        assertThat(denials.apply("get person", Caller.EMPLOYEE)).isPositive();        // requireVisible
        assertThat(denials.apply("log evidence", Caller.EMPLOYEE)).isPositive();      // requireOwnWork
        assertThat(denials.apply("log evidence", Caller.COMMITTEE)).isPositive();     // requireOwnWork (403 branch)
        assertThat(denials.apply("peer feedback", Caller.EMPLOYEE)).isPositive();     // feedbackRelationship
        assertThat(denials.apply("peer feedback", Caller.MANAGER)).isPositive();      // feedbackRelationship (stated)
        assertThat(denials.apply("self feedback", Caller.MANAGER)).isPositive();      // feedbackRelationship (stated)
        assertThat(denials.apply("assess quarter", Caller.MANAGER)).isPositive();     // requireAssessor (self)
        assertThat(denials.apply("assess quarter", Caller.COMMITTEE)).isPositive();   // requireAssessor (committee)
        assertThat(denials.apply("reopen quarter", Caller.COMMITTEE)).isPositive();
        assertThat(denials.apply("decisions of a person", Caller.MANAGER)).isPositive(); // promotions list restriction
        assertThat(denials.apply("one decision", Caller.EMPLOYEE)).isPositive();      // decision visibility
        assertThat(denials.apply("stats", Caller.EMPLOYEE)).isPositive();             // organisation statistics
        assertThat(denials.apply("stats", Caller.MANAGER)).isPositive();
    }

    /** Without a filter, a caller outside the committee lists the decisions of exactly the people they see. */
    @org.junit.jupiter.api.Test
    void decisions_listed_without_a_filter_are_those_the_caller_may_see() {
        assertThat(decidedPeople(Caller.EMPLOYEE)).contains(people.get("ada"))
                .doesNotContain(people.get("boss"), people.get("stranger"));
        // the matrix's admin may have put the stranger under the boss meanwhile: what the manager sees decides
        assertThat(decidedPeople(Caller.MANAGER)).contains(people.get("boss"), people.get("ada"))
                .allSatisfy(p -> assertThat(callers.get(Caller.MANAGER).get("/api/people/" + p).status()).isEqualTo(200));
        assertThat(decidedPeople(Caller.COMMITTEE)).contains(people.get("boss"), people.get("ada"), people.get("stranger"));
    }

    private java.util.Set<String> decidedPeople(Caller caller) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 0; ; page++) {
            Http.Response r = callers.get(caller).get("/api/promotions?size=200&page=" + page);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().get("items").forEach(d -> seen.add(d.get("personId").asText()));
            if (r.json().get("items").size() < 200) {
                return seen;
            }
        }
    }

    /** Feedback is recorded under the caller's relationship to the person, whatever the body leaves out. */
    @org.junit.jupiter.api.Test
    void feedback_is_recorded_under_the_callers_relationship() {
        String ada = people.get("ada");
        Http.Response own = callers.get(Caller.EMPLOYEE).post("/api/people/" + ada + "/quarters/2026-Q2/feedback",
                "{\"text\":\"From Ada herself\"}");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(own.json().get("relationship").asText()).isEqualTo("SELF");
        Http.Response managers = callers.get(Caller.MANAGER).post("/api/people/" + ada + "/quarters/2026-Q2/feedback",
                "{\"text\":\"From her manager\"}");
        assertThat(managers.status()).as(managers.body()).isEqualTo(201);
        assertThat(managers.json().get("relationship").asText()).isEqualTo("MANAGER");
        Http.Response forged = callers.get(Caller.MANAGER).post("/api/people/" + ada + "/quarters/2026-Q2/feedback",
                "{\"relationship\":\"PEER\",\"text\":\"Posing as a peer\"}");
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().get("detail").asText()).contains("MANAGER feedback", "feedback requests");
    }
}
