package com.careerledger.api.contract;

import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document is valid, complete against the contract (api.md), and documents errors and examples. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    private static final String Q = "/api/people/{personId}/quarters/{quarter}";

    /** Every path and method of the contract (shared/spec/api.md), except {@code /api/accounts}: not built yet. */
    static final List<String> CONTRACT = List.of(
            "GET /api/framework",
            "GET /api/framework/levels/{code}",
            "POST /api/people",
            "GET /api/people",
            "GET /api/people/{personId}",
            "PUT /api/people/{personId}/manager",
            "POST /api/people/{personId}/promotions",
            "POST /api/people/{personId}/track-switches",
            "POST /api/people/{personId}/level-corrections",
            "POST /api/people/{personId}/quarters",
            "GET /api/people/{personId}/quarters",
            "GET " + Q,
            "POST " + Q + "/goals",
            "PUT " + Q + "/goals/{goalId}",
            "POST " + Q + "/goals/{goalId}/drop",
            "POST " + Q + "/goals/{goalId}/progress",
            "POST " + Q + "/evidence",
            "POST " + Q + "/evidence/{evidenceId}/retraction",
            "POST " + Q + "/feedback",
            "POST " + Q + "/assessment",
            "POST " + Q + "/reopen",
            "GET /api/people/{personId}/timeline",
            "GET /api/people/{personId}/performance-history",
            "GET /api/people/{personId}/win-log",
            "GET /api/people/{personId}/history",
            "GET /api/people/{personId}/events",
            "GET /api/promotions",
            "GET /api/promotions/{decisionId}",
            "GET /api/readiness",
            "GET /api/stats",
            "GET /actuator/health",
            "GET /actuator/info",
            "POST /api/admin/projections/{name}/rebuild",
            "GET /api/admin/projections",
            "GET /api/admin/dead-letters",
            "POST /api/admin/dead-letters/{id}/retry",
            "POST /api/admin/dead-letters/retry",
            "POST /api/admin/dead-letters/{id}/eviction");

    /** Writes that take no body. */
    static final List<String> WITHOUT_BODY = List.of("POST /api/admin/projections/{name}/rebuild",
            "POST /api/admin/projections/rebuild", "POST /api/admin/dead-letters/{id}/retry",
            "POST /api/admin/dead-letters/retry");

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private JsonNode document() {
        Http.Response response = http.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }

    @Test
    void the_document_is_valid_openapi() {
        String text = http.get("/v3/api-docs").body();
        writeForInspection(text);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);

        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Career Ledger API");
    }

    @Test
    void every_path_and_method_of_the_contract_is_documented() {
        List<String> documented = operations(document());

        assertThat(documented).containsAll(CONTRACT);
        System.out.println("OpenAPI operations documented: " + documented.size() + ", in the contract: " + CONTRACT.size());
    }

    @Test
    void every_write_has_an_example_request_body() {
        JsonNode document = document();
        // the API's own writes; Spring's actuator endpoints document their own generic bodies
        List<String> writes = operations(document).stream()
                .filter(o -> o.startsWith("POST ") || o.startsWith("PUT ")).filter(o -> !o.contains("/actuator")).toList();
        assertThat(writes).hasSizeGreaterThanOrEqualTo(16);
        for (String write : writes) {
            String[] parts = write.split(" ", 2);
            JsonNode operation = document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            JsonNode body = operation.get("requestBody");
            if (WITHOUT_BODY.contains(write)) {
                assertThat(body).as(write + " takes no body").isNull();
                continue;
            }
            assertThat(body).as(write + " has a request body").isNotNull();
            JsonNode json = body.get("content").get("application/json");
            assertThat(json).as(write + " takes application/json").isNotNull();
            assertThat(json.get("example")).as(write + " has an example").isNotNull();
            assertThat(json.get("example").isObject()).as(write + " example is a JSON object").isTrue();
            // the example names only fields of the request's schema
            JsonNode schema = resolve(document, json.get("schema"));
            Iterator<String> fields = json.get("example").fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                assertThat(schema.get("properties").has(field)).as(write + " example field " + field).isTrue();
            }
        }
    }

    @Test
    void every_operation_documents_its_problem_responses() {
        JsonNode document = document();
        for (String op : operations(document)) {
            if (op.contains("/actuator")) {
                continue;
            }
            String[] parts = op.split(" ", 2);
            JsonNode operation = document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
            JsonNode responses = operation.get("responses");
            List<String> expected = new ArrayList<>(List.of("500", "503"));
            if (operation.has("parameters") || operation.has("requestBody")) {
                expected.add("400");
            }
            if (parts[1].contains("{")) {
                expected.add("404");
            }
            if (operation.has("requestBody")) {
                expected.addAll(List.of("409", "413", "415"));
            }
            for (String status : expected) {
                JsonNode response = responses.get(status);
                assertThat(response).as(op + " documents " + status).isNotNull();
                assertThat(response.at("/content/application~1problem+json/schema/$ref").asText())
                        .as(op + " " + status + " is a problem").isEqualTo("#/components/schemas/Problem");
            }
            String success = new TreeSet<>(iterable(responses.fieldNames())).stream()
                    .filter(s -> s.startsWith("2")).findFirst().orElse(null);
            assertThat(success).as(op + " documents its success").isEqualTo(expectedSuccess(op));
        }
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(iterable(problem.get("properties").fieldNames()))
                .contains("type", "title", "status", "detail", "errors");
        assertThat(iterable(document.at("/components/schemas/FieldError/properties").fieldNames()))
                .containsExactlyInAnyOrder("field", "message");
    }

    @Test
    void enums_are_listed_with_their_values() {
        JsonNode document = document();
        assertThat(enumOf(document, "RegisterPersonRequest", "discipline")).containsExactlyInAnyOrder("ENGINEERING", "PRODUCT");
        assertThat(enumOf(document, "RegisterPersonRequest", "track")).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(enumOf(document, "GoalRequest", "dimension")).contains("SCOPE", "IMPACT");
        assertThat(enumOf(document, "ProgressRequest", "status")).contains("ON_TRACK", "DONE");
        assertThat(enumOf(document, "FeedbackRequest", "relationship")).contains("PEER", "SELF");
        assertThat(enumOf(document, "QuarterView", "status")).containsExactlyInAnyOrder("OPEN", "ASSESSED");
        assertThat(enumOf(document, "ReadinessView", "status")).containsExactlyInAnyOrder("READY", "NOT_YET", "TOP_OF_TRACK");
        // views carry the domain's enums, so the document lists their values from the types themselves
        assertThat(enumOf(document, "PersonView", "readiness")).containsExactlyInAnyOrder("READY", "NOT_YET", "TOP_OF_TRACK");
        assertThat(enumOf(document, "QuarterSummary", "status")).containsExactlyInAnyOrder("OPEN", "ASSESSED");
        assertThat(enumOf(document, "QuarterView", "track")).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(enumOf(document, "LevelView", "track")).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(enumOf(document, "LevelCount", "track")).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(enumOf(document, "GoalView", "dimension")).contains("SCOPE", "IMPACT");
        assertThat(enumOf(document, "EvidenceView", "dimension")).contains("SCOPE", "IMPACT");
        assertThat(enumOf(document, "ProgressView", "status")).contains("ON_TRACK", "DONE");
        assertThat(enumOf(document, "FeedbackView", "relationship")).contains("PEER", "SELF");
        assertThat(enumOf(document, "AccountRequest", "roles")).contains("ADMIN", "EMPLOYEE");
        // a value that may be absent is still one of the enum's, or null
        assertThat(enumOf(document, "DecisionView", "fromTrack")).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(document.at("/components/schemas/DecisionView/properties/fromTrack/nullable").asBoolean()).isTrue();
    }

    /** Issue 19: every operation states what it needs; public ones need nothing and answer no 401. */
    @Test
    void every_operation_states_its_security() {
        JsonNode document = document();
        for (String op : operations(document)) {
            JsonNode operation = operation(document, op);
            assertThat(operation.has("security")).as(op + " states its security").isTrue();
            if (List.of("GET /actuator/health", "GET /actuator/info").contains(op)) {
                assertThat(operation.get("security")).as(op + " is public").isEmpty();
                assertThat(operation.at("/responses/401").isMissingNode()).as(op + " answers no 401").isTrue();
            } else {
                List<String> schemes = new ArrayList<>();
                operation.get("security").forEach(requirement -> schemes.addAll(iterable(requirement.fieldNames())));
                assertThat(schemes).as(op).containsExactlyInAnyOrder("basic", "bearer");
                assertThat(operation.at("/responses/401").isMissingNode()).as(op + " documents 401").isFalse();
            }
        }
    }

    /** Issue 19: text the server refuses when empty or blank is documented so (not {@code minLength: 0}). */
    @Test
    void text_the_server_requires_is_documented_non_blank() {
        JsonNode schemas = document().at("/components/schemas");
        Map<String, List<String>> nonBlank = Map.of(
                "RegisterPersonRequest", List.of("name"),
                "GoalRequest", List.of("title", "measure"),
                "EvidenceRequest", List.of("title", "impact"),
                "ReasonRequest", List.of("reason"),
                "AssessmentRequest", List.of("rationale"),
                "PromotionRequest", List.of("rationale"),
                "FeedbackRequest", List.of("text"));
        nonBlank.forEach((schema, fields) -> fields.forEach(field -> {
            JsonNode property = schemas.at("/" + schema + "/properties/" + field);
            assertThat(property.get("minLength").asInt()).as(schema + "." + field + " minLength").isEqualTo(1);
            assertThat(property.get("pattern").asText()).as(schema + "." + field + " has a non-blank character")
                    .isEqualTo("\\S");
            assertThat(values(schemas.at("/" + schema + "/required"))).as(schema + " requires " + field).contains(field);
        }));
        // no text anywhere may be empty yet declared non-blank, nor have the "no limit" length 2147483647
        schemas.forEach(schema -> schema.path("properties").forEach(property -> {
            if ("\\S".equals(property.path("pattern").asText())) {
                assertThat(property.path("minLength").asInt()).isGreaterThanOrEqualTo(1);
            }
            assertThat(property.path("maxLength").asLong()).isLessThan(Integer.MAX_VALUE);
        }));
        // the password hash reads at most 72 bytes: documented as the most characters there can be, and in words
        JsonNode password = schemas.at("/AccountRequest/properties/password");
        assertThat(password.get("maxLength").asInt()).isEqualTo(72);
        assertThat(password.get("description").asText()).contains("72 bytes in UTF-8");
    }

    /** Issue 19: answers list every field as required; one that may be absent is nullable, never a missing field. */
    @Test
    void answers_require_every_field_and_say_which_may_be_null() {
        JsonNode schemas = document().at("/components/schemas");
        assertThat(values(schemas.at("/PersonView/required"))).contains("managerId", "id", "level");
        assertThat(schemas.at("/PersonView/properties/managerId/nullable").asBoolean()).isTrue();
        assertThat(schemas.at("/PersonView/properties/id/nullable").asBoolean()).isFalse();
        // a model every reference to which may be null is nullable itself (OpenAPI 3.0 keeps nothing beside a $ref)
        assertThat(values(schemas.at("/QuarterView/required"))).contains("assessment");
        assertThat(schemas.at("/QuarterView/properties/assessment/$ref").asText())
                .isEqualTo("#/components/schemas/AssessmentView");
        assertThat(schemas.at("/AssessmentView/nullable").asBoolean()).isTrue();
        assertThat(schemas.at("/PersonView/nullable").asBoolean()).isFalse();
        assertThat(schemas.at("/Rebuild/properties/etaSeconds/nullable").asBoolean()).isTrue();
        for (String field : List.of("goalId", "link", "retractionReason", "description")) {
            assertThat(schemas.at("/EvidenceView/properties/" + field + "/nullable").asBoolean()).as(field).isTrue();
        }
        assertThat(schemas.at("/AccountView/properties/personId/nullable").asBoolean()).isTrue();
        // an enum that may be null is copied in place, nullable; the enum itself is not
        assertThat(schemas.at("/Track/nullable").asBoolean()).isFalse();
        // a request's optional field may be left out or sent as null
        assertThat(values(schemas.at("/AccountRequest/required"))).doesNotContain("personId");
        assertThat(schemas.at("/AccountRequest/properties/personId/nullable").asBoolean()).isTrue();
    }

    /** Issue 19: the quarter in a path has its shape; generated clients name operations after stable ids. */
    @Test
    void path_parameters_have_their_shape_and_operations_stable_ids() {
        JsonNode document = document();
        for (String op : operations(document)) {
            JsonNode operation = operation(document, op);
            assertThat(operation.get("operationId").asText()).as(op + " has a stable id").doesNotContainPattern("_\\d+$");
            operation.path("parameters").forEach(parameter -> {
                if ("path".equals(parameter.get("in").asText()) && "quarter".equals(parameter.get("name").asText())) {
                    assertThat(parameter.at("/schema/pattern").asText()).as(op).isEqualTo("^\\d{4}-Q[1-4]$");
                }
                if ("path".equals(parameter.get("in").asText()) && parameter.get("name").asText().endsWith("Id")) {
                    assertThat(parameter.at("/schema/format").asText()).as(op + " " + parameter.get("name")).isEqualTo("uuid");
                }
            });
        }
    }

    /** Each operation says what it does and who may call it, in one line of words (Javadoc, tidied). */
    @Test
    void every_operation_has_a_description() {
        JsonNode document = document();
        for (String op : operations(document)) {
            String description = operation(document, op).path("description").asText();
            assertThat(description).as(op + " has a description").isNotBlank().doesNotContain("\n").doesNotContain("  ");
        }
        assertThat(document.at("/components/schemas/QuarterLine/properties/operatingLevel/description").asText())
                .as("a view's record @param is its field's description").startsWith("the level the quarter counts at");
    }

    /** Issue 19: the logger write's body is documented as Boot reads it: an object naming the level. */
    @Test
    void the_logger_write_takes_an_object_naming_the_level() {
        JsonNode document = document();
        JsonNode body = document.at("/paths/~1actuator~1loggers~1{name}/post/requestBody/content/application~1json");
        assertThat(body.at("/schema/type").asText()).isEqualTo("object");
        assertThat(values(body.at("/schema/properties/configuredLevel/enum"))).contains("DEBUG", "OFF");
        assertThat(body.at("/schema/properties/configuredLevel/nullable").asBoolean()).isTrue();
        assertThat(body.at("/example/configuredLevel").asText()).isEqualTo("DEBUG");
        assertThat(document.at("/paths/~1actuator~1loggers~1{name}/post/responses/204").isMissingNode()).isFalse();
    }

    @Test
    void swagger_ui_is_served() {
        Http.Response redirect = http.get("/swagger-ui.html");
        assertThat(redirect.status()).isIn(200, 302);
        Http.Response page = http.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
    }

    /** What the contract says each operation answers on success. */
    private static String expectedSuccess(String op) {
        if (op.endsWith("/retry")) {
            return "200"; // a retry of dead letters answers when it is done
        }
        if (WITHOUT_BODY.contains(op)) {
            return "202";
        }
        boolean update = op.startsWith("PUT ") || op.endsWith("/drop") || op.endsWith("/progress")
                || op.endsWith("/retraction") || op.endsWith("/reopen") || op.endsWith("/eviction");
        return op.startsWith("POST ") && !update ? "201" : "200";
    }

    /** The document as served, kept under target/ for a reader of the build. */
    private static void writeForInspection(String text) {
        try {
            Files.writeString(Path.of("target", "openapi.json"), text);
        } catch (IOException | RuntimeException e) {
            // only a convenience
        }
    }

    private static JsonNode operation(JsonNode document, String op) {
        String[] parts = op.split(" ", 2);
        return document.get("paths").get(parts[1]).get(parts[0].toLowerCase());
    }

    /** The values of an enum property, through a reference, a nullable wrapper or an array's items. */
    private static List<String> enumOf(JsonNode document, String schema, String property) {
        JsonNode node = document.at("/components/schemas/" + schema + "/properties/" + property);
        while (true) {
            if (node.has("enum")) {
                return values(node.get("enum"));
            } else if (node.has("$ref")) {
                node = resolve(document, node);
            } else if (node.has("allOf")) {
                node = node.get("allOf").get(0);
            } else if (node.has("items")) {
                node = node.get("items");
            } else {
                throw new AssertionError(schema + "." + property + " is no enum: " + node);
            }
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            return document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

}
