package com.careerledger.api.contract;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Path and query parameters, over every operation of the served document: a malformed id is a 400 naming the
 * parameter wherever an id is taken; a well-formed unknown person is a 404 on every read of a person; an unknown id
 * in a filter just filters; a query parameter sent without a value means the same as not sending it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterInputTest {

    private static final String PERSON_PATH = "/api/people/{personId}";

    @LocalServerPort
    int port;

    private Http http;
    private JsonNode document;
    private Map<String, String> pathValues;

    /** One operation of the document: its method, path template and parameters. */
    record Operation(String method, String path, List<JsonNode> parameters) {
        Stream<JsonNode> in(String where) {
            return parameters.stream().filter(p -> where.equals(p.path("in").asText()));
        }

        String label() {
            return method + " " + path;
        }
    }

    @BeforeAll
    void story() {
        CareerStories stories = new CareerStories(port);
        http = stories.http();
        String manager = stories.register("Mona Params", "MANAGER", "M1");
        String person = stories.register("Pia Params", "IC", "IC2");
        stories.assignManager(person, manager);
        stories.quarterAt(person, "2026-Q1", "IC3");
        stories.open(person, "2026-Q2");
        stories.evidence(person, "2026-Q2", "Shipped the parameter work", "IC3");
        stories.promoteOverride(person, "IC3");
        pathValues = Map.of("personId", person, "quarter", "2026-Q2", "requiredMetricName", "jvm.memory.used");
        document = http.get("/v3/api-docs").json();
        // the read models have caught up with the story: answers are stable from here on
        Eventually.await("the story in the streaming read models", () -> http.get("/api/people/" + person
                + "/win-log").json().get("items").findValuesAsText("title"), t -> t.contains("Shipped the parameter work"));
        Eventually.await("the promotion in the audit", () -> http.get("/api/promotions?personId=" + person).json()
                .path("total").asInt(), total -> total == 1);
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                List<JsonNode> parameters = new ArrayList<>();
                op.getValue().path("parameters").forEach(parameters::add);
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), parameters));
            }
        }));
        assertThat(operations).as("operations in the document").hasSizeGreaterThan(40);
        return operations;
    }

    private static boolean isId(JsonNode parameter) {
        return "uuid".equals(parameter.path("schema").path("format").asText());
    }

    /** The path with every parameter filled: the story's person and quarter, a fresh UUID for other ids. */
    private String fill(Operation op, Map<String, String> overrides) {
        String path = op.path();
        for (Iterator<JsonNode> it = op.in("path").iterator(); it.hasNext(); ) {
            JsonNode p = it.next();
            String name = p.get("name").asText();
            String value = overrides.containsKey(name) ? overrides.get(name)
                    : pathValues.containsKey(name) ? pathValues.get(name)
                    : isId(p) ? UUID.randomUUID().toString() : null;
            assertThat(value).as("a value for the path parameter " + name + " of " + op.label()).isNotNull();
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private Http.Response send(Operation op, String target) {
        String body = op.method().equals("GET") ? null : "{}";
        return http.request(op.method(), target, body);
    }

    @TestFactory
    Stream<DynamicTest> a_malformed_id_is_a_400_naming_the_parameter_in_every_path_and_query() {
        List<String> malformed = List.of("0b6f3c1e-5d0a-4b8e-9f3a-2c1d7e4a9b1", "1-2-3-4-5",
                "0b6f3c1e-5d0a-4b8e-9f3a-2c1d7e4a9b100", "0b6f3c1e5d0a4b8e9f3a2c1d7e4a9b10",
                "%200b6f3c1e-5d0a-4b8e-9f3a-2c1d7e4a9b10", "0b6f3c1e-5d0a-4b8e-9f3a-2c1d7e4a9b1g", "DSYKQaeF2Q6mTPt3ClqT8A==");
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations()) {
            op.parameters().stream().filter(ParameterInputTest::isId).forEach(p -> {
                String name = p.get("name").asText();
                boolean inPath = "path".equals(p.get("in").asText());
                for (String value : malformed) {
                    String target = inPath ? fill(op, Map.of(name, value))
                            : fill(op, Map.of()) + "?" + name + "=" + value;
                    tests.add(dynamicTest(op.label() + " " + name + "=" + value, () -> {
                        Http.Response r = send(op, target);
                        assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(400);
                        assertThat(r.json().get("errors").findValuesAsText("field")).as(r.body()).contains(name);
                    }));
                }
            });
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> an_unknown_person_is_a_404_on_every_read_of_a_person() {
        List<Operation> reads = operations().stream()
                .filter(op -> op.method().equals("GET") && op.path().startsWith(PERSON_PATH)).toList();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(8);
        String nobody = UUID.randomUUID().toString();
        return reads.stream().map(op -> dynamicTest(op.label(), () -> {
            Http.Response r = http.get(fill(op, Map.of("personId", nobody)));
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.json().get("type").asText()).isEqualTo("/problems/not-found");
        }));
    }

    @TestFactory
    Stream<DynamicTest> an_unknown_id_in_a_filter_just_filters() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations()) {
            if (!op.method().equals("GET")) {
                continue;
            }
            op.in("query").filter(ParameterInputTest::isId).forEach(p -> tests.add(dynamicTest(op.label() + " "
                    + p.get("name").asText(), () -> {
                Http.Response r = http.get(fill(op, Map.of()) + "?" + p.get("name").asText() + "=" + UUID.randomUUID());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("total").asLong()).isZero();
            })));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(4);
        return tests.stream();
    }

    /**
     * {@code ?name} and {@code ?name=} are answered exactly as the request without the parameter, for every query
     * parameter of every GET operation of the document (text filters, ids, enums, numbers, instants; the
     * actuator's too). Answers are compared when the read models agree: the comparison polls a little while.
     */
    @TestFactory
    Stream<DynamicTest> a_query_parameter_without_a_value_means_the_same_as_not_sending_it() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations()) {
            if (!op.method().equals("GET")) {
                continue;
            }
            op.in("query").forEach(p -> {
                String name = p.get("name").asText();
                for (String valueless : List.of(name, name + "=")) {
                    tests.add(dynamicTest(op.label() + "?" + valueless, () -> {
                        String path = fill(op, Map.of());
                        Eventually.await(op.label() + "?" + valueless + " answered as without " + name, () -> {
                            Http.Response without = http.get(path);
                            assertThat(without.status()).as(path + ": " + without.body()).isEqualTo(200);
                            Http.Response with = http.get(path + "?" + valueless);
                            return with.status() == 200 && Objects.equals(comparable(op, without), comparable(op, with));
                        }, Boolean::booleanValue, Duration.ofSeconds(10));
                    }));
                }
            });
        }
        assertThat(tests).as("valueless parameters tried").hasSizeGreaterThan(40);
        return tests.stream();
    }

    /**
     * What must be equal: the API's answers exactly (but the instant "now" of a history read); the actuator's, whose
     * measurements move with every request, by their content type and field names.
     */
    private static Object comparable(Operation op, Http.Response r) {
        String type = r.header("Content-Type");
        if (op.path().startsWith("/actuator")) {
            if (type != null && type.contains("json")) {
                Set<String> names = new TreeSet<>();
                r.json().fieldNames().forEachRemaining(names::add);
                return List.of(type, names);
            }
            return type;
        }
        JsonNode json = r.json();
        if (json instanceof ObjectNode object) {
            object.remove("asOf");
        }
        return json;
    }

    @Test
    void level_and_readiness_filters_refuse_unknown_values() {
        assertThat(http.get("/api/people?level=ic3").status()).isEqualTo(400);
        assertThat(http.get("/api/people?level=IC%203").json().get("errors").findValuesAsText("field")).contains("level");
        assertThat(http.get("/api/people?level=IC3").status()).isEqualTo(200);
        Http.Response unknownReadiness = http.get("/api/people?readiness=ALMOST");
        assertThat(unknownReadiness.status()).isEqualTo(400);
        assertThat(unknownReadiness.json().get("errors").findValuesAsText("field")).contains("readiness");
        assertThat(http.get("/api/people?readiness=ready").status()).isEqualTo(400);
        JsonNode ready = http.get("/api/people?readiness=NOT_YET&size=200").json();
        assertThat(ready.get("items").findValuesAsText("readiness")).isNotEmpty().containsOnly("NOT_YET");
        assertThat(http.get("/api/framework/levels/ic3").status()).isEqualTo(400);
        assertThat(http.get("/api/framework/levels/IC99").status()).isEqualTo(404);

        // each filter documents itself: the level a code's pattern, readiness its own values
        JsonNode parameters = document.at("/paths/~1api~1people/get/parameters");
        Map<String, JsonNode> schemas = new java.util.HashMap<>();
        parameters.forEach(p -> schemas.put(p.get("name").asText(), p.get("schema")));
        assertThat(schemas.get("level").has("enum")).as(schemas.get("level").toString()).isFalse();
        assertThat(schemas.get("level").path("pattern").asText()).isEqualTo("^[A-Z][A-Z0-9]{0,15}$");
        JsonNode readiness = schemas.get("readiness").has("$ref")
                ? document.at(schemas.get("readiness").get("$ref").asText().substring(1)) : schemas.get("readiness");
        assertThat(readiness.get("enum").toString()).isEqualTo("[\"READY\",\"NOT_YET\",\"TOP_OF_TRACK\"]");
    }

    @Test
    void a_malformed_person_id_is_a_400_for_someone_who_sees_only_themself() {
        CareerStories stories = new CareerStories(port);
        String ella = stories.register("Ella Employee", "IC", "IC2");
        String username = stories.account("ella", "ella-password-42", "EMPLOYEE", ella);
        Http employee = http.as(username, "ella-password-42");
        assertThat(employee.get("/api/people/" + ella.substring(1) + "/quarters").status()).isEqualTo(400);
        assertThat(employee.get("/api/people/" + UUID.randomUUID() + "/quarters").status()).isEqualTo(404);
        assertThat(employee.get("/api/people/" + ella + "/quarters").status()).isEqualTo(200);
    }
}
