package com.careerledger.api.contract;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST contract (shared/spec/api.md), endpoint by endpoint over real HTTP: each one called with a valid request,
 * its status code and the field names of its answer checked against the contract, every list in the
 * {@code {items, page, size, total}} shape, and the error conventions. Accounts and security are not built yet and
 * are left out. Read models lag the writes a little (the contract allows it): their checks wait for the data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContractTest {

    private static final List<String> PERSON = List.of("id", "name", "email", "discipline", "track", "level", "title",
            "managerId", "readiness", "version");
    private static final List<String> QUARTER = List.of("personId", "quarter", "status", "levelHeld", "targetLevel",
            "goals", "evidence", "feedback", "assessment", "version");
    private static final List<String> LEVEL = List.of("code", "track", "order", "titles", "coreQuestion", "scope",
            "collaboration", "mentorship", "ownership", "whatYouDo", "successLooksLike", "pathToNext", "exampleGoal");
    private static final List<String> DECISION = List.of("decisionId", "personId", "kind", "from", "to", "basis",
            "policy", "framework", "decidedBy", "decidedAt");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Http http;
    CareerStories stories;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    // --- framework -------------------------------------------------------------------------------------------------

    @Test
    void framework() {
        JsonNode framework = ok(http.get("/api/framework"), 200);
        fields(framework, "id", "version", "hash", "tracks", "levels", "equivalences", "policy");
        assertThat(framework.get("levels").size()).isGreaterThan(1);
        framework.get("levels").forEach(level -> {
            fields(level, LEVEL);
            fields(level.get("titles"), "ENGINEERING", "PRODUCT");
        });
        framework.get("equivalences").forEach(e -> fields(e, "ic", "manager"));
        fields(framework.get("policy"), "requiredQuarters");

        JsonNode level = ok(http.get("/api/framework/levels/IC3"), 200);
        fields(level, LEVEL);
        assertThat(level.get("code").asText()).isEqualTo("IC3");
        problem(http.get("/api/framework/levels/XX9"), 404, "not-found");
    }

    // --- people ----------------------------------------------------------------------------------------------------

    @Test
    void people() {
        String manager = stories.register("Mona Manager", "MANAGER", "M1");
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        Http.Response created = http.post("/api/people", """
                {"name":"Ada Lovelace","email":"%s","discipline":"ENGINEERING","track":"IC","level":"IC2","managerId":"%s"}"""
                .formatted(email, manager));
        JsonNode person = ok(created, 201);
        fields(person, PERSON);
        String id = person.get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/people/" + id);
        assertThat(person.get("managerId").asText()).isEqualTo(manager);

        Http.Response fetched = http.get("/api/people/" + id);
        fields(ok(fetched, 200), PERSON);
        assertThat(fetched.header("ETag")).isEqualTo("\"0\"");

        JsonNode list = page(http.get("/api/people?track=IC&level=IC2&managerId=" + manager + "&readiness=NOT_YET&page=0&size=10"));
        assertThat(list.get("items").size()).isEqualTo(1);
        fields(list.get("items").get(0), PERSON);
        assertThat(list.get("size").asInt()).isEqualTo(10);

        String other = stories.register("Otto Other", "MANAGER", "M2");
        JsonNode moved = ok(http.put("/api/people/" + id + "/manager", "{\"managerId\":\"" + other + "\"}"), 200);
        fields(moved, PERSON);
        assertThat(moved.get("managerId").asText()).isEqualTo(other);
        problem(http.get("/api/people/" + UUID.randomUUID()), 404, "not-found");
    }

    /** SQL and markup in a free-text field are text: stored and shown exactly, never interpreted. */
    @Test
    void free_text_is_stored_and_shown_verbatim() {
        String name = "Robert'); DROP TABLE domain_event_entry;-- <script>alert(\"x\")</script> ünï \uD83D\uDE80";
        JsonNode person = ok(http.requestBytes("POST", "/api/people", "application/json", ("""
                {"name":%s,"email":"bobby-%s@example.com","discipline":"PRODUCT","track":"IC","level":"IC1"}"""
                .formatted(jsonString(name), UUID.randomUUID())).getBytes(StandardCharsets.UTF_8)), 201);
        assertThat(person.get("name").asText()).isEqualTo(name);
        assertThat(ok(http.get("/api/people/" + person.get("id").asText()), 200).get("name").asText()).isEqualTo(name);
    }

    // --- quarters --------------------------------------------------------------------------------------------------

    @Test
    void a_quarter_from_opening_to_reopening() {
        String person = stories.register("Quinn Quarter", "IC", "IC2");
        String base = "/api/people/" + person + "/quarters";
        Http.Response opened = http.post(base, "{\"quarter\":\"2026-Q1\"}");
        JsonNode quarter = ok(opened, 201);
        fields(quarter, QUARTER);
        assertThat(quarter.get("status").asText()).isEqualTo("OPEN");
        assertThat(opened.header("Location")).endsWith(base + "/2026-Q1");
        String q = base + "/2026-Q1";

        Http.Response goalSet = http.post(q + "/goals", """
                {"title":"Lead the API redesign","description":"Across teams","dimension":"SCOPE","measure":"Adopted by 3 teams"}""");
        JsonNode goal = ok(goalSet, 201);
        fields(goal, "goalId", "title", "description", "dimension", "measure");
        String goalId = goal.get("goalId").asText();
        assertThat(goalSet.header("Location")).endsWith(q + "/goals/" + goalId);
        String second = ok(http.post(q + "/goals", """
                {"title":"Mentor an intern","dimension":"MENTORSHIP","measure":"Ships alone"}"""), 201).get("goalId").asText();

        JsonNode revised = ok(http.put(q + "/goals/" + goalId, """
                {"title":"Lead the API redesign across 3 teams","dimension":"SCOPE","measure":"p95 < 200 ms"}"""), 200);
        assertThat(revised.get("title").asText()).isEqualTo("Lead the API redesign across 3 teams");
        JsonNode progressed = ok(http.post(q + "/goals/" + goalId + "/progress",
                "{\"status\":\"ON_TRACK\",\"note\":\"Design approved\"}"), 200);
        fields(progressed, "goalId", "progress");
        assertThat(progressed.get("progress").get("status").asText()).isEqualTo("ON_TRACK");
        JsonNode dropped = ok(http.post(q + "/goals/" + second + "/drop", "{\"reason\":\"No intern\"}"), 200);
        assertThat(dropped.get("active").asBoolean()).isFalse();

        Http.Response logged = http.post(q + "/evidence", """
                {"title":"Led the redesign","description":"End to end","impact":"p95 800 -> 180 ms","dimension":"IMPACT",
                 "demonstratesLevel":"IC3","goalId":"%s","link":"https://wiki.example.com/x","occurredOn":"2026-02-10"}"""
                .formatted(goalId));
        JsonNode evidence = ok(logged, 201);
        fields(evidence, "evidenceId", "title", "description", "impact", "dimension", "demonstratesLevel", "goalId",
                "link", "occurredOn");
        assertThat(logged.header("Location")).contains(q + "/evidence/");
        String wrong = stories.evidence(person, "2026-Q1", "Logged by mistake", "IC2");
        JsonNode retracted = ok(http.post(q + "/evidence/" + wrong + "/retraction", "{\"reason\":\"Wrong quarter\"}"), 200);
        fields(retracted, "evidenceId", "retracted");
        assertThat(retracted.get("retracted").asBoolean()).isTrue();

        JsonNode feedback = ok(http.post(q + "/feedback",
                "{\"relationship\":\"PEER\",\"text\":\"Unblocked us\",\"signalsLevel\":\"IC3\"}"), 201);
        fields(feedback, "feedbackId", "relationship", "text", "signalsLevel");

        JsonNode assessed = ok(http.post(q + "/assessment", "{\"operatingLevel\":\"IC3\",\"rationale\":\"IC3 impact\"}"), 201);
        fields(assessed, QUARTER);
        assertThat(assessed.get("status").asText()).isEqualTo("ASSESSED");
        fields(assessed.get("assessment"), "assessmentId", "operatingLevel", "rationale");

        JsonNode reopened = ok(http.post(q + "/reopen", "{\"reason\":\"Calibration\"}"), 200);
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");

        Http.Response fetched = http.get(q);
        JsonNode view = ok(fetched, 200);
        fields(view, QUARTER);
        assertThat(fetched.header("ETag")).isEqualTo("\"" + view.get("version").asLong() + "\"");
        assertThat(view.get("goals").size()).isEqualTo(2);
        view.get("goals").forEach(g -> fields(g, "goalId", "title", "dimension", "measure"));
        view.get("evidence").forEach(e -> fields(e, "evidenceId", "title", "demonstratesLevel", "occurredOn"));
        view.get("feedback").forEach(f -> fields(f, "feedbackId", "relationship", "text"));

        stories.open(person, "2026-Q2");
        JsonNode quarters = page(http.get(base));
        assertThat(quarters.get("items").findValuesAsText("quarter")).containsExactly("2026-Q2", "2026-Q1");
        quarters.get("items").forEach(s -> fields(s, "personId", "quarter", "status", "levelHeld", "targetLevel"));
        problem(http.get(base + "/2031-Q1"), 404, "not-found");
    }

    // --- decisions -------------------------------------------------------------------------------------------------

    @Test
    void decisions() {
        String ada = stories.register("Ada Decided", "IC", "IC2");
        problem(http.post("/api/people/" + ada + "/promotions", "{\"targetLevel\":\"IC3\",\"rationale\":\"Early\"}"),
                409, "promotion-not-sustained");
        stories.quarterAt(ada, "2026-Q1", "IC3");
        stories.quarterAt(ada, "2026-Q2", "IC3");
        Http.Response promoted = http.post("/api/people/" + ada + "/promotions",
                "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained IC3 impact\"}");
        JsonNode decision = ok(promoted, 201);
        fields(decision, DECISION);
        assertThat(decision.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(decision.get("from").asText()).isEqualTo("IC2");
        assertThat(decision.get("to").asText()).isEqualTo("IC3");
        decision.get("basis").forEach(b -> fields(b, "quarter", "operatingLevel", "assessmentId"));
        fields(decision.get("policy"), "requiredQuarters");
        fields(decision.get("framework"), "id", "version", "hash");
        assertThat(promoted.header("Location")).endsWith("/api/promotions/" + decision.get("decisionId").asText());

        String bo = stories.register("Bo Override", "IC", "IC1");
        JsonNode overridden = ok(http.post("/api/people/" + bo + "/promotions",
                "{\"targetLevel\":\"IC2\",\"rationale\":\"Exceptional\",\"override\":{\"justification\":\"Vote 5-0\"}}"), 201);
        fields(overridden, DECISION);
        fields(overridden, "override");

        String lee = stories.register("Lee Switch", "IC", "IC4");
        JsonNode switched = ok(http.post("/api/people/" + lee + "/track-switches",
                "{\"targetTrack\":\"MANAGER\",\"rationale\":\"Wants a team\"}"), 201);
        fields(switched, "decisionId", "kind", "fromTrack", "fromLevel", "toTrack", "toLevel", "decidedBy", "decidedAt");
        assertThat(switched.get("kind").asText()).isEqualTo("TRACK_SWITCH");
        assertThat(switched.get("toLevel").asText()).isEqualTo("M2");

        JsonNode corrected = ok(http.post("/api/people/" + bo + "/level-corrections",
                "{\"level\":\"IC1\",\"reason\":\"Reversed on appeal\"}"), 201);
        fields(corrected, "decisionId", "personId", "kind", "from", "to", "decidedBy", "decidedAt");
    }

    // --- read models -----------------------------------------------------------------------------------------------

    @Test
    void read_models() {
        String manager = stories.register("Rhea Reader", "MANAGER", "M1");
        String ada = stories.register("Ada Read", "IC", "IC2");
        stories.assignManager(ada, manager);
        stories.quarterAt(ada, "2026-Q1", "IC3");
        stories.quarterAt(ada, "2026-Q2", "IC3");
        String person = "/api/people/" + ada;

        JsonNode history = ok(http.get(person + "/performance-history"), 200);
        fields(history, "personId", "track", "level", "nextLevel", "requiredQuarters", "quarters", "nextLevelStreak",
                "readiness", "tenure");
        Eventually.await("both quarters in the performance history",
                () -> ok(http.get(person + "/performance-history"), 200), h -> h.get("quarters").size() == 2)
                .get("quarters").forEach(q -> fields(q, "quarter", "levelHeld", "operatingLevel", "atNextLevel", "goals",
                        "evidence"));
        fields(history.get("readiness"), "status", "reason");
        fields(history.get("tenure"), "quartersAtLevel", "usedInDecisions");
        assertThat(history.get("tenure").get("usedInDecisions").asBoolean()).isFalse();

        JsonNode ready = Eventually.await("Ada on the readiness board",
                () -> page(http.get("/api/readiness?managerId=" + manager + "&level=IC2")),
                p -> p.get("items").size() == 1);
        fields(ready.get("items").get(0), PERSON);
        assertThat(ready.get("items").get(0).get("readiness").asText()).isEqualTo("READY");

        JsonNode decision = stories.promote(ada, "IC3");
        String decisionId = decision.get("decisionId").asText();

        JsonNode timeline = Eventually.await("the promotion on the timeline",
                () -> page(http.get(person + "/timeline?page=0&size=200")),
                p -> p.get("items").findValuesAsText("type").contains("LevelChanged"));
        timeline.get("items").forEach(e -> fields(e, "at", "type", "summary", "by", "data"));

        JsonNode winLog = page(http.get(person + "/win-log?dimension=IMPACT&level=IC3"));
        Eventually.await("the Win Log", () -> page(http.get(person + "/win-log")), p -> p.get("total").asLong() == 2)
                .get("items").forEach(e -> fields(e, "evidenceId", "quarter", "title", "dimension", "demonstratesLevel",
                        "occurredOn", "retracted"));
        assertThat(winLog.get("items").size()).isLessThanOrEqualTo(2);

        JsonNode asOf = ok(http.get(person + "/history?asOf=" + Instant.now()), 200);
        fields(asOf, "personId", "asOf", "level", "track", "managerId", "quarters");
        asOf.get("quarters").forEach(q -> fields(q, "quarter", "status", "assessment"));
        assertThat(asOf.get("level").asText()).isEqualTo("IC3");
        problem(http.get(person + "/history?asOf=2000-01-01T00:00:00Z"), 404, "not-found");

        JsonNode events = page(http.get(person + "/events?page=0&size=200"));
        events.get("items").forEach(e -> fields(e, "globalIndex", "sequence", "type", "timestamp", "payload", "metadata"));
        assertThat(events.get("items").findValuesAsText("type")).contains("PersonRegistered", "LevelChanged");

        JsonNode audit = Eventually.await("the decision in the promotion audit",
                () -> page(http.get("/api/promotions?personId=" + ada + "&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z")),
                p -> p.get("items").size() == 1);
        fields(audit.get("items").get(0), DECISION);
        JsonNode one = ok(http.get("/api/promotions/" + decisionId), 200);
        fields(one, DECISION);
        one.get("basis").forEach(b -> fields(b, "quarter", "operatingLevel", "assessmentId", "evidence"));
        problem(http.get("/api/promotions/" + UUID.randomUUID()), 404, "not-found");

        JsonNode stats = ok(http.get("/api/stats"), 200);
        fields(stats, "levelDistribution", "promotionsPerQuarter", "timeAtLevelVsPromotion");
    }

    /** Every list answers {items, page, size, total} and refuses paging out of range with a 400 naming the field. */
    @Test
    void every_list_is_a_page_and_refuses_paging_out_of_range() {
        String ada = stories.register("Paige Pager", "IC", "IC2");
        stories.open(ada, "2026-Q1");
        String person = "/api/people/" + ada;
        List<String> lists = List.of("/api/people", person + "/quarters", person + "/timeline", person + "/events",
                person + "/win-log", "/api/promotions", "/api/readiness");
        for (String list : lists) {
            JsonNode first = page(http.get(list + "?page=0&size=1"));
            assertThat(first.get("page").asInt()).as(list).isZero();
            assertThat(first.get("size").asInt()).as(list).isEqualTo(1);
            assertThat(first.get("items").size()).as(list).isLessThanOrEqualTo(1);
            page(http.get(list + "?page=3&size=200"));
            for (String out : List.of("page=-1", "size=0", "size=201")) {
                Http.Response refused = http.get(list + "?" + out);
                JsonNode problem = problem(refused, 400, "validation");
                assertThat(problem.get("errors").get(0).get("field").asText()).as(list + "?" + out)
                        .isEqualTo(out.substring(0, out.indexOf('=')));
            }
        }
        page(http.get("/api/admin/projections"));
    }

    // --- operations ------------------------------------------------------------------------------------------------

    @Test
    void operations() {
        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).contains("json"); // Spring Boot's actuator media type
        fields(health.json(), "status");
        assertThat(http.get("/actuator/info").status()).isEqualTo(200);

        JsonNode projections = page(http.get("/api/admin/projections"));
        List<String> names = new ArrayList<>();
        projections.get("items").forEach(p -> {
            fields(p, "name", "kind", "state", "head");
            names.add(p.get("name").asText());
        });
        assertThat(names).contains("directory", "timeline", "stats");
        fields(ok(http.get("/api/admin/projections/stats"), 200), "name", "kind", "state", "position", "head", "lag");

        Http.Response rebuild = http.post("/api/admin/projections/stats/rebuild", "");
        fields(ok(rebuild, 202), "name", "state");
        assertThat(rebuild.header("Location")).endsWith("/api/admin/projections/stats");
        new ReadModels(jdbc, http).awaitAllCaughtUp();
        problem(http.get("/api/admin/projections/no-such-projection"), 404, "not-found");
    }

    // --- error conventions -----------------------------------------------------------------------------------------

    @Test
    void errors_are_problems_with_a_type_of_their_own() {
        String ada = stories.register("Erin Error", "IC", "IC2");
        problem(http.get("/api/no-such-thing"), 404, "unknown-endpoint");
        problem(http.get("/nothing/here"), 404, "unknown-endpoint");
        Http.Response wrongMethod = http.requestBytes("DELETE", "/api/people/" + ada, null, null);
        problem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("GET");
        problem(http.requestBytes("POST", "/api/people", "text/plain", "name=Ada".getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported-media-type");
        problem(http.requestBytes("POST", "/api/people", "application/json",
                ("{\"name\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)), 413, "payload-too-large");
        problem(http.post("/api/people", "{\"name\":"), 400, "malformed-request");
        JsonNode wrongType = problem(http.post("/api/people", """
                {"name":"Ada","email":"ada@example.com","discipline":"ENGINEERING","track":"ROBOT","level":"IC2"}"""),
                400, "validation");
        assertThat(wrongType.get("errors").get(0).get("field").asText()).isEqualTo("track");
        assertThat(wrongType.get("errors").get(0).get("message").asText()).contains("IC", "MANAGER");
        JsonNode control = problem(http.post("/api/people/" + ada + "/quarters/2026-Q1/goals",
                "{\"title\":\"a\\u0000b\",\"dimension\":\"SCOPE\",\"measure\":\"m\"}"), 400, "validation");
        assertThat(control.get("errors").get(0).get("field").asText()).isEqualTo("title");
        JsonNode offTrack = problem(http.post("/api/people", """
                {"name":"Ada","email":"ada-%s@example.com","discipline":"ENGINEERING","track":"IC","level":"M1"}"""
                .formatted(UUID.randomUUID())), 400, "validation");
        assertThat(offTrack.get("errors").get(0).get("field").asText()).isEqualTo("level");
        JsonNode badDate = problem(http.post("/api/people/" + ada + "/quarters/2026-Q1/evidence", """
                {"title":"t","impact":"i","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-30"}"""),
                400, "validation");
        assertThat(badDate.get("errors").get(0).get("field").asText()).isEqualTo("occurredOn");
        problem(http.post("/api/people/" + UUID.randomUUID() + "/quarters", "{\"quarter\":\"2026-Q1\"}"), 404, "not-found");
        problem(http.get("/api/people/not-a-uuid"), 400, "validation");
        problem(http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/people/" + ada)).header("Accept", "application/xml")),
                406, "not-acceptable");
        problem(http.requestBytes("TRACE", "/api/people/" + ada, null, null), 405, "method-not-allowed");
        // refused by Tomcat before the application sees it: still a problem
        problem(http.get("/api/people/a%2Fb"), 400, "malformed-request");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static JsonNode ok(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/json");
        return response.json();
    }

    private static JsonNode page(Http.Response response) {
        JsonNode page = ok(response, 200);
        fields(page, "items", "page", "size", "total");
        assertThat(page.get("items").isArray()).isTrue();
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(page.get("items").size());
        return page;
    }

    private static JsonNode problem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        fields(problem, "type", "title", "status", "detail");
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (type.equals("validation")) {
            assertThat(problem.get("errors").isArray()).isTrue();
            problem.get("errors").forEach(e -> fields(e, "field", "message"));
        }
        return problem;
    }

    private static void fields(JsonNode node, String... names) {
        fields(node, List.of(names));
    }

    private static void fields(JsonNode node, List<String> names) {
        assertThat(node).as("an object with " + names).isNotNull();
        List<String> present = new ArrayList<>();
        node.fieldNames().forEachRemaining(present::add);
        assertThat(present).as(node.toString()).containsAll(names);
    }

    private static String jsonString(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
