package com.careerledger.api.contract;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A generated set of malformed requests against every write endpoint (quality.md, "Bad input and security"): for
 * each endpoint a valid template body, mutated field by field (dropped, null, wrong JSON type, too long, control
 * characters, injection text, unknown enum values, invalid quarters, levels, dates, e-mails, links), plus broken
 * bodies (empty, random bytes, invalid UTF-8, truncated JSON, too large, chunked and not), other content types, wrong
 * path ids and wrong methods. Every answer must be a 4xx problem+json that leaks nothing, and the event store must
 * hold exactly as many events afterwards. Then each unmutated template is sent once and must succeed: so the state
 * the mutations met was one in which the request would have been accepted, had it been well-formed. Each request is
 * a test of its own, named by its endpoint and its case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            // control characters and lone surrogates go out as \\uXXXX escapes: the JSON itself stays well-formed
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LEAKS = List.of("Exception", "at com.", "org.springframework", "SQL",
            "org.postgresql", "jakarta.", "java.lang", "com.fasterxml");
    private static final String SQL_INJECTION = "'; DROP TABLE domain_event_entry; --";
    private static final String HTML_INJECTION = "<script>alert(1)</script>";
    private static final int BODY_LIMIT = 64 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    /** LEVEL: any level of the framework will do; TRACK_LEVEL: it must also be on the person's track. */
    enum Kind { TEXT, EMAIL, ENUM, UUID, LEVEL, TRACK_LEVEL, QUARTER, DATE, URL, OBJECT }

    /** A field of a request body; {@code name} may be dotted for a nested field ({@code override.justification}). */
    record Field(String name, Kind kind, boolean required, int max, List<String> values) {
        static Field text(String name, boolean required, int max) {
            return new Field(name, Kind.TEXT, required, max, List.of());
        }

        static Field of(String name, Kind kind, boolean required) {
            return new Field(name, kind, required, 0, List.of());
        }

        static Field enumeration(String name, boolean required, String... values) {
            return new Field(name, Kind.ENUM, required, 0, List.of(values));
        }
    }

    /** A path segment that can be replaced by a wrong one: its placeholder and what kind of id it is. */
    record PathId(String placeholder, String value, Kind kind) {
    }

    /**
     * A write endpoint: the path with its ids filled in, a valid template body, its fields and its path ids. The
     * template's {@code fresh} supplier gives a body that is valid at the moment it is called (a unique e-mail).
     */
    record Endpoint(String name, String method, String pathTemplate, List<PathId> ids,
                    java.util.function.Supplier<ObjectNode> template, List<Field> fields) {
        String path() {
            String path = pathTemplate;
            for (PathId id : ids) {
                path = path.replace(id.placeholder(), id.value());
            }
            return path;
        }
    }

    /** One request to send and the statuses it may be answered with. */
    record Case(String label, String method, String path, String contentType, byte[] body, boolean chunked,
                IntPredicate expected, String expectation) {
    }

    private static final IntPredicate BAD_REQUEST = s -> s == 400;
    private static final IntPredicate ANY_4XX = s -> s >= 400 && s < 500;

    /**
     * One test a malformed request, grouped by endpoint: a failure names its endpoint, its case and its request.
     * The requests run in order, then the event store is counted, then the controls.
     */
    @TestFactory
    Stream<DynamicNode> malformed_requests_are_refused_as_problems_and_append_nothing() {
        CareerStories stories = new CareerStories(port);
        Http http = stories.http();
        List<Endpoint> endpoints = endpoints(stories);
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            List<Case> cases = groups.computeIfAbsent(endpoint.name() + ": " + endpoint.method() + " "
                    + endpoint.pathTemplate(), k -> new ArrayList<>());
            cases.addAll(bodyCases(endpoint));
            cases.addAll(fieldCases(endpoint));
            cases.addAll(mediaTypeCases(endpoint));
            cases.addAll(pathCases(endpoint));
        }
        groups.putAll(readCases(stories));
        int sent = groups.values().stream().mapToInt(List::size).sum();
        assertThat(sent).isGreaterThanOrEqualTo(200);

        long before = events();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Stream<DynamicNode> malformed = groups.entrySet().stream().map(group -> dynamicContainer(group.getKey(),
                group.getValue().stream().map(c -> dynamicTest(c.label(), () -> {
                    Http.Response response = http.requestBytes(c.method(), c.path(), c.contentType(), c.body(),
                            c.chunked());
                    statuses.merge(response.status(), 1, Integer::sum);
                    String problem = check(c, response);
                    if (problem != null) {
                        fail(group.getKey() + " [" + c.label() + "] " + c.method() + " " + c.path()
                                + ": not a proper 4xx problem: " + problem);
                    }
                }))));
        DynamicTest nothingAppended = dynamicTest("the event store holds as many events as before", () -> {
            long after = events();
            System.out.printf("BadInputTest: sent %d malformed requests to %d write endpoints (and list/read "
                    + "queries); answers by status: %s; events before %d, after %d%n", sent, endpoints.size(), statuses,
                    before, after);
            assertThat(after).as("events in the store after the malformed requests").isEqualTo(before);
        });
        // Controls: the unmutated templates are accepted in this very state (in an order that keeps them valid).
        DynamicContainer controls = dynamicContainer("each unmutated template is then accepted",
                endpoints.stream().map(endpoint -> dynamicTest(endpoint.name(), () -> {
                    Http.Response response = http.requestBytes(endpoint.method(), endpoint.path(), "application/json",
                            bytes(endpoint.template().get()));
                    assertThat(response.status()).as(endpoint.name() + " template: " + response.body())
                            .isBetween(200, 202);
                })));
        return Stream.concat(malformed, Stream.of(nothingAppended, controls));
    }

    // --- the endpoints -------------------------------------------------------------------------------------------

    private List<Endpoint> endpoints(CareerStories stories) {
        String manager = stories.register("Mia Manager", "MANAGER", "M1");
        String otherManager = stories.register("Otto Manager", "MANAGER", "M2");
        String promoted = stories.register("Pat Promoted", "IC", "IC2");
        String switcher = stories.register("Sam Switcher", "IC", "IC3");
        String corrected = stories.register("Cory Corrected", "IC", "IC2");
        String person = stories.register("Quinn Quarters", "IC", "IC2");
        stories.assignManager(person, manager);
        stories.open(person, "2026-Q1");
        String goal = stories.goal(person, "2026-Q1", "Lead the API redesign");
        String evidence = stories.evidence(person, "2026-Q1", "Shipped the API", "IC2");
        stories.quarterAt(person, "2026-Q2", "IC2");

        PathId personId = new PathId("{personId}", person, Kind.UUID);
        PathId q1 = new PathId("{quarter}", "2026-Q1", Kind.QUARTER);
        PathId q2 = new PathId("{quarter}", "2026-Q2", Kind.QUARTER);
        PathId goalId = new PathId("{goalId}", goal, Kind.UUID);
        PathId evidenceId = new PathId("{evidenceId}", evidence, Kind.UUID);
        String quarter = "/api/people/{personId}/quarters/{quarter}";

        Field reason = Field.text("reason", true, 4000);
        Field[] goalFields = {Field.text("title", true, 200), Field.text("description", false, 4000),
                Field.enumeration("dimension", true, "SCOPE", "CRAFT", "COLLABORATION", "OWNERSHIP", "MENTORSHIP", "IMPACT"),
                Field.text("measure", true, 1000)};

        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("register person", "POST", "/api/people", List.of(),
                () -> body("name", "Rae Registered", "email", "rae-" + UUID.randomUUID() + "@example.com",
                        "discipline", "ENGINEERING", "track", "IC", "level", "IC2", "managerId", manager),
                List.of(Field.text("name", true, 200), Field.of("email", Kind.EMAIL, true),
                        Field.enumeration("discipline", true, "ENGINEERING", "PRODUCT"),
                        Field.enumeration("track", true, "IC", "MANAGER"), Field.of("level", Kind.TRACK_LEVEL, true),
                        Field.of("managerId", Kind.UUID, false))));
        endpoints.add(new Endpoint("assign manager", "PUT", "/api/people/{personId}/manager",
                List.of(new PathId("{personId}", corrected, Kind.UUID)),
                () -> body("managerId", otherManager),
                List.of(Field.of("managerId", Kind.UUID, true))));
        endpoints.add(new Endpoint("promotion", "POST", "/api/people/{personId}/promotions",
                List.of(new PathId("{personId}", promoted, Kind.UUID)),
                () -> {
                    ObjectNode body = body("targetLevel", "IC3", "rationale", "Exceptional impact");
                    body.putObject("override").put("justification", "Committee vote 5-0");
                    return body;
                },
                List.of(Field.of("targetLevel", Kind.TRACK_LEVEL, true), Field.text("rationale", true, 4000),
                        Field.of("override", Kind.OBJECT, false), Field.text("override.justification", true, 4000))));
        endpoints.add(new Endpoint("track switch", "POST", "/api/people/{personId}/track-switches",
                List.of(new PathId("{personId}", switcher, Kind.UUID)),
                () -> body("targetTrack", "MANAGER", "rationale", "Wants a team"),
                List.of(Field.enumeration("targetTrack", true, "IC", "MANAGER"), Field.text("rationale", true, 4000))));
        endpoints.add(new Endpoint("level correction", "POST", "/api/people/{personId}/level-corrections",
                List.of(new PathId("{personId}", corrected, Kind.UUID)),
                () -> body("level", "IC1", "reason", "Registered at the wrong level"),
                List.of(Field.of("level", Kind.TRACK_LEVEL, true), Field.text("reason", true, 4000))));
        endpoints.add(new Endpoint("open quarter", "POST", "/api/people/{personId}/quarters", List.of(personId),
                () -> body("quarter", "2026-Q3"),
                List.of(Field.of("quarter", Kind.QUARTER, true))));
        endpoints.add(new Endpoint("set goal", "POST", quarter + "/goals", List.of(personId, q1),
                () -> body("title", "Mentor two engineers", "description", "Weekly pairing", "dimension", "MENTORSHIP",
                        "measure", "Both ship on their own"),
                List.of(goalFields)));
        endpoints.add(new Endpoint("revise goal", "PUT", quarter + "/goals/{goalId}", List.of(personId, q1, goalId),
                () -> body("title", "Lead the API redesign across teams", "dimension", "SCOPE", "measure", "p95 < 200 ms"),
                List.of(goalFields)));
        endpoints.add(new Endpoint("goal progress", "POST", quarter + "/goals/{goalId}/progress",
                List.of(personId, q1, goalId),
                () -> body("status", "ON_TRACK", "note", "Design approved"),
                List.of(Field.enumeration("status", true, "ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"),
                        Field.text("note", false, 4000))));
        endpoints.add(new Endpoint("drop goal", "POST", quarter + "/goals/{goalId}/drop", List.of(personId, q1, goalId),
                () -> body("reason", "Cancelled"), List.of(reason)));
        endpoints.add(new Endpoint("log evidence", "POST", quarter + "/evidence", List.of(personId, q1),
                () -> body("title", "Ran the incident review", "description", "Blameless", "impact", "MTTR halved",
                        "dimension", "IMPACT", "demonstratesLevel", "IC2", "goalId", goal,
                        "link", "https://wiki.example.com/review", "occurredOn", "2026-02-10"),
                List.of(Field.text("title", true, 200), Field.text("description", false, 4000),
                        Field.text("impact", true, 4000),
                        Field.enumeration("dimension", true, "SCOPE", "CRAFT", "COLLABORATION", "OWNERSHIP", "MENTORSHIP", "IMPACT"),
                        Field.of("demonstratesLevel", Kind.LEVEL, true), Field.of("goalId", Kind.UUID, false),
                        Field.of("link", Kind.URL, false), Field.of("occurredOn", Kind.DATE, true))));
        endpoints.add(new Endpoint("retract evidence", "POST", quarter + "/evidence/{evidenceId}/retraction",
                List.of(personId, q1, evidenceId), () -> body("reason", "Wrong quarter"), List.of(reason)));
        endpoints.add(new Endpoint("feedback", "POST", quarter + "/feedback", List.of(personId, q1),
                () -> body("relationship", "PEER", "text", "Unblocked us", "signalsLevel", "IC3"),
                List.of(Field.enumeration("relationship", true, "MANAGER", "PEER", "REPORT", "SELF"),
                        Field.text("text", true, 4000), Field.of("signalsLevel", Kind.LEVEL, false))));
        endpoints.add(new Endpoint("assessment", "POST", quarter + "/assessment", List.of(personId, q1),
                () -> body("operatingLevel", "IC2", "rationale", "Solid quarter at IC2"),
                List.of(Field.of("operatingLevel", Kind.TRACK_LEVEL, true), Field.text("rationale", true, 4000))));
        endpoints.add(new Endpoint("reopen", "POST", quarter + "/reopen", List.of(personId, q2),
                () -> body("reason", "Calibration"), List.of(reason)));
        return endpoints;
    }

    // --- generated cases -----------------------------------------------------------------------------------------

    /** Bodies that are not a well-formed request at all. */
    private List<Case> bodyCases(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        String json = "application/json";
        for (String text : List.of("", "null", "[]", "42", "\"text\"", "true", "{", "{\"a\":", "{'single':'quotes'}",
                "{\"a\":1,}", "{}{}", "\u0000", "<xml/>")) {
            cases.add(new Case("body " + abbreviate(text), e.method(), e.path(), json, utf8(text), false,
                    BAD_REQUEST, "400"));
        }
        cases.add(new Case("no body", e.method(), e.path(), json, null, false, BAD_REQUEST, "400"));
        Random random = new Random(e.name().hashCode());
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[1 + random.nextInt(512)];
            random.nextBytes(noise);
            cases.add(new Case("random bytes #" + i, e.method(), e.path(), json, noise, false, BAD_REQUEST, "400"));
        }
        // a valid body with an invalid UTF-8 sequence in its first text value
        String valid = json(e.template().get());
        int quote = valid.indexOf(":\"") + 2;
        byte[] head = utf8(valid.substring(0, quote));
        byte[] tail = utf8(valid.substring(quote));
        byte[] broken = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, broken, 0, head.length);
        broken[head.length] = (byte) 0xC3;
        broken[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, broken, head.length + 2, tail.length);
        cases.add(new Case("invalid UTF-8", e.method(), e.path(), json, broken, false, BAD_REQUEST, "400"));
        // the first field twice, with a wrong second value: ambiguous
        Field first = e.fields().get(0);
        String duplicated = "{\"" + first.name() + "\":" + json(e.template().get().get(first.name())) + ","
                + valid.substring(1, valid.length() - 1) + ",\"" + first.name() + "\":\"other\"}";
        cases.add(new Case("duplicate field", e.method(), e.path(), json, utf8(duplicated), false, BAD_REQUEST, "400"));
        // deep nesting inside an ignored field, and a body that is otherwise valid: too deep to read
        ObjectNode deep = e.template().get();
        deep.putRawValue("nested", new com.fasterxml.jackson.databind.util.RawValue("[".repeat(2000) + "]".repeat(2000)));
        cases.add(new Case("2000 levels of nesting", e.method(), e.path(), json, bytes(deep), false, BAD_REQUEST, "400"));
        // extra fields are ignored, so they only ride along with a request malformed in another way
        Field required = e.fields().stream().filter(Field::required).findFirst().orElseThrow();
        ObjectNode extra = e.template().get();
        remove(extra, required.name());
        extra.put("decidedBy", "mallory").put("actor", "mallory").put("id", UUID.randomUUID().toString());
        cases.add(new Case("extra fields, " + required.name() + " missing", e.method(), e.path(), json, bytes(extra),
                false, BAD_REQUEST, "400"));
        // too large: by Content-Length, chunked, and in a real field
        ObjectNode padded = e.template().get();
        padded.put("padding", "x".repeat(BODY_LIMIT + 1));
        cases.add(new Case("body over the limit", e.method(), e.path(), json, bytes(padded), false, s -> s == 413, "413"));
        cases.add(new Case("chunked body over the limit", e.method(), e.path(), json, bytes(padded), true,
                s -> s == 413, "413"));
        ObjectNode megabyte = e.template().get();
        megabyte.put("padding", "y".repeat(1024 * 1024));
        cases.add(new Case("1 MiB body", e.method(), e.path(), json, bytes(megabyte), false, s -> s == 413, "413"));
        ObjectNode hugeField = e.template().get();
        set(hugeField, first.name(), new TextNode("z".repeat(BODY_LIMIT)));
        cases.add(new Case("huge " + first.name(), e.method(), e.path(), json, bytes(hugeField), true,
                s -> s == 413, "413"));
        return cases;
    }

    /** Each field mutated on its own, the rest of the template valid. */
    private List<Case> fieldCases(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        for (Field field : e.fields()) {
            for (Map.Entry<String, UnaryOperator<ObjectNode>> mutation : mutations(field).entrySet()) {
                ObjectNode body = mutation.getValue().apply(e.template().get());
                // well-formed but naming something that does not exist, or a level of the other track: the domain
                // refuses these by rule (404, 409 or 400), all that matters here is a 4xx problem
                boolean refusedByRule = mutation.getKey().equals("unknown id")
                        || mutation.getKey().equals("level of another track");
                cases.add(new Case(field.name() + ": " + mutation.getKey(), e.method(), e.path(), "application/json",
                        bytes(body), false, refusedByRule ? ANY_4XX : BAD_REQUEST, refusedByRule ? "4xx" : "400"));
            }
        }
        return cases;
    }

    private static Map<String, UnaryOperator<ObjectNode>> mutations(Field f) {
        Map<String, UnaryOperator<ObjectNode>> m = new LinkedHashMap<>();
        String name = f.name();
        if (f.required()) {
            m.put("dropped", b -> remove(b, name));
            m.put("null", b -> set(b, name, NullNode.instance));
        }
        m.put("number", b -> set(b, name, IntNode.valueOf(42)));
        m.put("decimal", b -> set(b, name, DoubleNode.valueOf(4.2)));
        m.put("boolean", b -> set(b, name, BooleanNode.TRUE));
        m.put("array", b -> set(b, name, NODES.arrayNode().add("IC3")));
        if (f.kind() == Kind.OBJECT) {
            m.put("string", b -> set(b, name, new TextNode("Committee vote")));
            m.put("empty object", b -> set(b, name, NODES.objectNode()));
            return m;
        }
        m.put("object", b -> set(b, name, NODES.objectNode().put("value", "x")));
        for (String text : invalidTexts(f)) {
            m.put("\"" + abbreviate(text) + "\"", b -> set(b, name, new TextNode(text)));
        }
        if (f.kind() == Kind.UUID) {
            m.put("unknown id", b -> set(b, name, new TextNode(UUID.randomUUID().toString())));
        }
        if (f.kind() == Kind.TRACK_LEVEL) {
            // a level of the other track: refused by the Person aggregate (400 or 409, by rule)
            m.put("level of another track", b -> set(b, name, new TextNode("M1")));
        }
        return m;
    }

    /** Text values a field of this kind must refuse. */
    private static List<String> invalidTexts(Field f) {
        List<String> texts = new ArrayList<>();
        List<String> control = List.of("a\u0000b", "\u0001", "bell\u0007", "\u001b[2J", "del\u007f", "next\u0085line",
                "half \ud800 pair", "\udc00");
        switch (f.kind()) {
            case TEXT -> {
                if (f.required()) {
                    texts.addAll(List.of("", "   ", "\n\t"));
                }
                texts.add("x".repeat(f.max() + 1));
                texts.addAll(control);
                // injection text is ordinary text in a free-text field; with a NUL it is malformed
                texts.add(SQL_INJECTION + "\u0000");
                texts.add(HTML_INJECTION + "\u0000");
            }
            case EMAIL -> texts.addAll(List.of("", "not-an-email", "a@b", "@example.com", "ada@", "ada@@example.com",
                    "ada lovelace@example.com", "x".repeat(321) + "@example.com", SQL_INJECTION, HTML_INJECTION + "@x.com",
                    "ada@example.com\u0000", "ada\u0007@example.com"));
            case ENUM -> {
                texts.addAll(List.of("", "NOT_A_VALUE", f.values().get(0).toLowerCase(), " " + f.values().get(0),
                        SQL_INJECTION, HTML_INJECTION, f.values().get(0) + "\u0000"));
            }
            case UUID -> texts.addAll(List.of("not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g",
                    SQL_INJECTION, HTML_INJECTION, "\u0000"));
            case LEVEL, TRACK_LEVEL -> {
                texts.addAll(List.of("ic3", "IC 3", "IC99", "Z".repeat(17), SQL_INJECTION, HTML_INJECTION,
                        "IC3\u0000"));
                if (f.required()) {
                    texts.addAll(List.of("", "   "));
                }
            }
            case QUARTER -> texts.addAll(List.of("", "2026-Q5", "2026-Q0", "2026Q1", "26-Q1", "2026-q1", "1899-Q4",
                    "２０２６-Q1", " 2026-Q1 x", "2026-Q1\u0000", SQL_INJECTION, HTML_INJECTION, "x".repeat(5000)));
            case DATE -> texts.addAll(List.of("", "2026-13-01", "2026-02-30", "02/10/2026", "2026-2-10",
                    "+99999-01-01", "-0001-01-01", "1899-12-31", "2999-01-01", "2026-02-10T10:00:00Z", "today",
                    SQL_INJECTION, "2026-02-10\u0000"));
            case URL -> texts.addAll(List.of("javascript:alert(1)", "ftp://example.com/file", "file:///etc/passwd",
                    "not a url", "https://", "https://example.com/" + "x".repeat(2000), "https://example.com/\u0000",
                    "https://example.com/a b"));
            default -> {
            }
        }
        return texts;
    }

    /** Bodies that are not JSON, or are not declared as JSON. */
    private List<Case> mediaTypeCases(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        byte[] valid = bytes(e.template().get());
        IntPredicate unsupported = s -> s == 415;
        cases.add(new Case("no Content-Type", e.method(), e.path(), null, valid, false, unsupported, "415"));
        for (String type : List.of("text/plain", "application/xml", "application/yaml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz", "application/octet-stream", "text/html", "application/jsonx",
                "application/json; charset=nonsense", "not a media type")) {
            cases.add(new Case("Content-Type " + type, e.method(), e.path(), type, valid, false, unsupported, "415"));
        }
        for (String method : List.of("DELETE", "PATCH")) {
            cases.add(new Case("method " + method, method, e.path(), "application/json", valid, false,
                    s -> s == 405, "405"));
        }
        return cases;
    }

    /** The path's ids replaced by malformed or unknown ones. */
    private List<Case> pathCases(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        byte[] valid = bytes(e.template().get());
        for (PathId id : e.ids()) {
            List<String> wrong = new ArrayList<>(List.of("not-an-id", "12345", "%20", "%27%20OR%201%3D1--",
                    "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%00", "%01", "x".repeat(300)));
            if (id.kind() == Kind.UUID) {
                wrong.add(UUID.randomUUID().toString());
            } else {
                wrong.addAll(List.of("2026-Q5", "2031-Q1", "1899-Q4"));
            }
            for (String value : wrong) {
                String path = e.pathTemplate();
                for (PathId other : e.ids()) {
                    path = path.replace(other.placeholder(), other == id ? value : other.value());
                }
                cases.add(new Case(id.placeholder() + " = " + abbreviate(value), e.method(), path, "application/json",
                        valid, false, ANY_4XX, "4xx"));
            }
        }
        return cases;
    }

    /**
     * Malformed queries of the list and read endpoints (nothing is written by them, but they must be 4xx too), by
     * list, then the other queries; the person's id shows as {@code {personId}} in their names.
     */
    private Map<String, List<Case>> readCases(CareerStories stories) {
        String person = stories.register("Rita Reader", "IC", "IC2");
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        List<String> lists = List.of("/api/people", "/api/people/{personId}/quarters", "/api/people/{personId}/timeline",
                "/api/people/{personId}/events", "/api/people/{personId}/win-log", "/api/promotions", "/api/readiness");
        for (String list : lists) {
            List<Case> cases = groups.computeIfAbsent("list: GET " + list, k -> new ArrayList<>());
            for (String paging : List.of("page=-1", "size=0", "size=201", "size=-5", "page=abc", "size=1e3",
                    "page=99999999999", "size=%00")) {
                cases.add(new Case("paging " + paging, "GET", list.replace("{personId}", person) + "?" + paging, null,
                        null, false, BAD_REQUEST, "400"));
            }
        }
        List<Case> queries = groups.computeIfAbsent("queries", k -> new ArrayList<>());
        for (String query : List.of("/api/people?track=ROBOT", "/api/people?managerId=nope", "/api/people?level=%00",
                "/api/people?readiness=%01", "/api/readiness?level=ic3", "/api/readiness?managerId=1",
                "/api/people/{personId}/win-log?dimension=NOPE", "/api/people/{personId}/win-log?level=%3Cb%3E",
                "/api/people/{personId}/history?asOf=yesterday", "/api/people/{personId}/history?asOf=2026-13-01",
                "/api/promotions?from=garbage", "/api/promotions?personId=%27%20OR%201%3D1",
                "/api/promotions?to=%2B300000-01-01T00:00:00Z",
                "/api/people/not-an-id", "/api/people/{personId}/quarters/2026-Q9",
                "/api/promotions/not-an-id", "/api/framework/levels/%00")) {
            queries.add(new Case("GET " + query, "GET", query.replace("{personId}", person), null, null, false, ANY_4XX,
                    "4xx"));
        }
        return groups;
    }

    // --- checks --------------------------------------------------------------------------------------------------

    /** What is wrong with the answer, or null if it is a proper problem. */
    private static String check(Case c, Http.Response response) {
        int status = response.status();
        String body = response.body();
        if (!c.expected().test(status)) {
            return "expected " + c.expectation() + " but was " + status + ": " + abbreviate(body);
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return "Content-Type " + contentType + ": " + abbreviate(body);
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return "the body shows \"" + leak + "\": " + abbreviate(body);
            }
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            return "not JSON: " + abbreviate(body);
        }
        for (String field : List.of("type", "title", "status", "detail")) {
            if (!problem.hasNonNull(field)) {
                return "no " + field + ": " + abbreviate(body);
            }
        }
        if (!problem.get("type").asText().startsWith("/problems/")) {
            return "type " + problem.get("type").asText();
        }
        if (problem.get("status").asInt() != status) {
            return "status " + problem.get("status").asInt() + " in a " + status + " answer";
        }
        if (problem.get("type").asText().equals("/problems/validation")) {
            JsonNode errors = problem.get("errors");
            if (errors == null || !errors.isArray() || errors.isEmpty()
                    || !errors.get(0).hasNonNull("field") || !errors.get(0).hasNonNull("message")) {
                return "a validation problem without errors[{field, message}]: " + abbreviate(body);
            }
        }
        return null;
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    // --- JSON helpers ----------------------------------------------------------------------------------------------

    private static ObjectNode body(String... namesAndValues) {
        ObjectNode body = NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return body;
    }

    private static ObjectNode set(ObjectNode body, String dotted, JsonNode value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            body.set(dotted, value);
        } else {
            JsonNode parent = body.get(dotted.substring(0, dot));
            ObjectNode object = parent instanceof ObjectNode o ? o : body.putObject(dotted.substring(0, dot));
            set(object, dotted.substring(dot + 1), value);
        }
        return body;
    }

    private static ObjectNode remove(ObjectNode body, String dotted) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            body.remove(dotted);
        } else if (body.get(dotted.substring(0, dot)) instanceof ObjectNode object) {
            remove(object, dotted.substring(dot + 1));
        }
        return body;
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return utf8(json(node));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String shown = text == null ? "null" : text;
        StringBuilder out = new StringBuilder();
        for (char ch : shown.toCharArray()) {
            out.append(Character.isISOControl(ch) || Character.isSurrogate(ch) ? String.format("\\u%04x", (int) ch) : ch);
        }
        return out.length() > 120 ? out.substring(0, 120) + "…(" + shown.length() + " chars)" : out.toString();
    }

}
