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
        JsonNode schemas = document().at("/components/schemas");
        assertThat(values(schemas.at("/RegisterPersonRequest/properties/discipline/enum")))
                .containsExactlyInAnyOrder("ENGINEERING", "PRODUCT");
        assertThat(values(schemas.at("/RegisterPersonRequest/properties/track/enum")))
                .containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(values(schemas.at("/GoalRequest/properties/dimension/enum"))).contains("SCOPE", "IMPACT");
        assertThat(values(schemas.at("/ProgressRequest/properties/status/enum"))).contains("ON_TRACK", "DONE");
        assertThat(values(schemas.at("/FeedbackRequest/properties/relationship/enum"))).contains("PEER", "SELF");
        assertThat(values(schemas.at("/QuarterView/properties/status/enum")))
                .containsExactlyInAnyOrder("OPEN", "ASSESSED");
        assertThat(values(schemas.at("/Readiness/properties/status/enum")))
                .containsExactlyInAnyOrder("READY", "NOT_YET", "TOP_OF_TRACK");
        // views carry the domain's enums, so the document lists their values from the types themselves
        assertThat(values(schemas.at("/PersonView/properties/readiness/enum")))
                .containsExactlyInAnyOrder("READY", "NOT_YET", "TOP_OF_TRACK");
        assertThat(values(schemas.at("/QuarterSummary/properties/status/enum")))
                .containsExactlyInAnyOrder("OPEN", "ASSESSED");
        assertThat(values(schemas.at("/QuarterView/properties/track/enum"))).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(values(schemas.at("/LevelView/properties/track/enum"))).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(values(schemas.at("/LevelCount/properties/track/enum"))).containsExactlyInAnyOrder("IC", "MANAGER");
        assertThat(values(schemas.at("/GoalView/properties/dimension/enum"))).contains("SCOPE", "IMPACT");
        assertThat(values(schemas.at("/EvidenceView/properties/dimension/enum"))).contains("SCOPE", "IMPACT");
        assertThat(values(schemas.at("/ProgressView/properties/status/enum"))).contains("ON_TRACK", "DONE");
        assertThat(values(schemas.at("/FeedbackView/properties/relationship/enum"))).contains("PEER", "SELF");
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
