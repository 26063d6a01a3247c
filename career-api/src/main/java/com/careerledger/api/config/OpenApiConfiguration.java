package com.careerledger.api.config;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.utils.SpringDocUtils;
import com.careerledger.api.concurrency.IdempotencyFilter;
import com.careerledger.api.web.WebConfiguration.HttpProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). springdoc derives paths,
 * parameters and schemas from the controllers; this adds what it cannot see, without annotating the controllers:
 * the problem+json error responses of every operation, an example body for every write, and the API's description.
 * Views and filters carry the domain's enums, so their values come from the types.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenApiConfiguration.class);

    static {
        // a view that holds the domain's values writes them as text (DomainValuesModule): so does the document
        SpringDocUtils.getConfig().replaceWithClass(LevelCode.class, String.class)
                .replaceWithClass(YearQuarter.class, String.class);
        // stored JSON shown as it is (an event's payload and metadata, a timeline entry's data): any object
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema().additionalProperties(true)
                .description("a JSON object, as stored"));
        // an enum is one named schema, so a generated client has one type for it (not one per field)
        ModelResolver.enumsAsRef = true;
    }

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String STORED = "StoredNotYetVisible";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final String PERSON = "/api/people/{personId}";
    private static final String QUARTER = PERSON + "/quarters/{quarter}";
    private static final String SOME_ID = "0b6f3c1e-5d0a-4b8e-9f3a-2c1d7e4a9b10";

    /** An example request body for each write, keyed by {@code METHOD path} as the document writes the path. */
    static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("POST /api/people", """
                    {"name":"Ada Lovelace","email":"ada@example.com","discipline":"ENGINEERING","track":"IC",
                     "level":"IC2","managerId":"%s"}""".formatted(SOME_ID)),
            Map.entry("PUT " + PERSON + "/manager", """
                    {"managerId":"%s"}""".formatted(SOME_ID)),
            Map.entry("POST " + PERSON + "/promotions", """
                    {"targetLevel":"IC3","rationale":"Operated at IC3 for two consecutive quarters: led the API redesign"}"""),
            Map.entry("POST " + PERSON + "/track-switches", """
                    {"targetTrack":"MANAGER","rationale":"Wants to lead a team; has mentored two engineers"}"""),
            Map.entry("POST " + PERSON + "/level-corrections", """
                    {"level":"IC2","reason":"Registered at the wrong level"}"""),
            Map.entry("POST " + PERSON + "/quarters", """
                    {"quarter":"2026-Q3"}"""),
            Map.entry("POST " + QUARTER + "/goals", """
                    {"title":"Lead the API redesign","description":"Own the design across three teams",
                     "dimension":"SCOPE","measure":"Adopted by three teams, p95 under 200 ms"}"""),
            Map.entry("PUT " + QUARTER + "/goals/{goalId}", """
                    {"title":"Lead the API redesign across three teams","description":"Own the design end to end",
                     "dimension":"SCOPE","measure":"p95 under 200 ms"}"""),
            Map.entry("POST " + QUARTER + "/goals/{goalId}/drop", """
                    {"reason":"The project was cancelled"}"""),
            Map.entry("POST " + QUARTER + "/goals/{goalId}/progress", """
                    {"status":"ON_TRACK","note":"Design approved by the architecture group"}"""),
            Map.entry("POST " + QUARTER + "/evidence", """
                    {"title":"Led the API redesign","description":"Designed and shipped the new public API",
                     "impact":"p95 latency down from 800 ms to 180 ms for 40 clients","dimension":"IMPACT",
                     "demonstratesLevel":"IC3","goalId":"%s","link":"https://wiki.example.com/api-redesign",
                     "occurredOn":"2026-08-14"}""".formatted(SOME_ID)),
            Map.entry("POST " + QUARTER + "/evidence/{evidenceId}/retraction", """
                    {"reason":"Logged in the wrong quarter"}"""),
            Map.entry("POST " + QUARTER + "/feedback", """
                    {"relationship":"PEER","text":"Unblocked three teams with a clear design","signalsLevel":"IC3"}"""),
            Map.entry("POST " + QUARTER + "/assessment", """
                    {"operatingLevel":"IC3","rationale":"Scope and impact at IC3 throughout the quarter"}"""),
            Map.entry("POST " + QUARTER + "/reopen", """
                    {"reason":"Calibration raised the assessment"}"""),
            Map.entry("POST /api/admin/dead-letters/{id}/eviction", """
                    {"reason":"Unreadable import row; the evidence was logged again by hand"}"""),
            Map.entry("POST /actuator/loggers/{name}", """
                    {"configuredLevel":"DEBUG"}"""),
            Map.entry("POST /api/accounts", """
                    {"username":"ada","password":"a-long-passphrase-42","roles":["EMPLOYEE"],
                     "personId":"0b6f3b3e-8e9d-4a59-9a57-3c1f2b7d5e10"}"""));

    /**
     * What each of Spring Boot's actuator operations does (springdoc names them only "Actuator web endpoint 'x'"),
     * and who may call it: health and info are public, every other one is ADMIN's.
     */
    static final Map<String, String> ACTUATOR = Map.ofEntries(
            Map.entry("GET /actuator", "The actuator's endpoints, as links. ADMIN only."),
            Map.entry("GET /actuator/health", "Whether the service is up (`UP`/`DOWN`, 503 when down), with each "
                    + "component's status (database, dead letters, disk); the details are ADMIN's. Public. "
                    + "`/actuator/health/liveness` and `/actuator/health/readiness` are the probes."),
            Map.entry("GET /actuator/info", "The application's name and build. Public."),
            Map.entry("GET /actuator/metrics", "The names of the metrics. ADMIN only."),
            Map.entry("GET /actuator/metrics/{requiredMetricName}", "One metric's measurements, optionally narrowed "
                    + "by `tag=name:value`; an unknown metric or tag is 404. ADMIN only."),
            Map.entry("GET /actuator/prometheus", "Every metric in Prometheus's text format. ADMIN only."),
            Map.entry("GET /actuator/loggers", "Every logger with its configured and effective level. ADMIN only."),
            Map.entry("GET /actuator/loggers/{name}", "One logger's configured and effective level; an unknown one "
                    + "is 404. ADMIN only."),
            Map.entry("POST /actuator/loggers/{name}", "Sets a logger's level, or resets it to the level it "
                    + "inherits. ADMIN only."),
            Map.entry("GET /actuator/env", "The configuration's property sources; values are never shown. ADMIN "
                    + "only."),
            Map.entry("GET /actuator/env/{toMatch}", "One property: where it is set (its value is never shown); an "
                    + "unknown one is 404. ADMIN only."),
            Map.entry("GET /actuator/beans", "The application's beans. ADMIN only."),
            Map.entry("GET /actuator/flyway", "The database migrations applied. ADMIN only."),
            Map.entry("GET /actuator/heapdump", "A heap dump of the running JVM. ADMIN only."));

    /** Writes that create something: 201 with a Location (springdoc cannot see the status in a ResponseEntity). */
    static final Set<String> CREATES = Set.of(
            "POST /api/people",
            "POST " + PERSON + "/promotions",
            "POST " + PERSON + "/track-switches",
            "POST " + PERSON + "/level-corrections",
            "POST " + PERSON + "/quarters",
            "POST " + QUARTER + "/goals",
            "POST " + QUARTER + "/evidence",
            "POST " + QUARTER + "/feedback",
            "POST " + QUARTER + "/assessment",
            "POST /api/accounts");

    /** Writes that start something and return at once. */
    static final Set<String> ACCEPTS = Set.of("POST /api/admin/projections/{name}/rebuild",
            "POST /api/admin/projections/rebuild");

    /**
     * The document's version: its major is the REST contract's (v1); the minor rises with each published change
     * (docs/openapi.json, recorded with its digest in docs/openapi-versions.txt by OpenApiFileTest).
     */
    public static final String VERSION = "1.1.0";

    private static final String LOGGER_WRITE = "POST /actuator/loggers/{name}";

    /** Operations anyone may call: no credentials. */
    static final Set<String> PUBLIC = Set.of("GET /actuator/health", "GET /actuator/info");

    @Bean
    OpenAPI careerLedgerOpenApi() {
        return new OpenAPI()
                // relative: the document is the same whichever address it is read from (and as published)
                .servers(List.of(new Server().url("/").description("the server this document is read from")))
                .info(new Info()
                        .title("Career Ledger API")
                        .contact(new Contact().name("The Career Ledger team"))
                        .version(VERSION)
                        .description("""
                                An event-sourced record of careers against a career ladder. JSON everywhere (UTF-8), \
                                instants in ISO-8601 (`2026-07-01T09:00:00Z`), quarters as `YYYY-Qn`, level codes as \
                                in the framework (`IC3`, `M1`). Every error is `application/problem+json` (RFC 9457) \
                                with `type`, `title`, `status`, `detail`, and for validation errors an `errors` array \
                                of `{field, message}`; `type` is `/problems/<name>`, and for a refusal by a domain \
                                rule (409) it names the rule. Lists are paged (`page` ≥ 0, 1 ≤ `size` ≤ 200) and \
                                answer `{items, page, size, total}`. A query parameter sent without a value \
                                (`?name` or `?name=`) means the same as not sending it: its default applies, and an \
                                empty text filter does not filter. Unknown fields in request bodies are ignored. Every \
                                field of an answer is always present; one that can be absent is `null` (`nullable`). \
                                Published with each release as `docs/openapi.json`; the major of `info.version` is \
                                the REST contract's."""));

    }

    @Bean
    PropertyCustomizer careerLedgerPropertyCustomizer() {
        return OpenApiConventions.notBlankAndBytes();
    }

    @Bean
    ModelConverter careerLedgerModelClasses() {
        return OpenApiConventions.modelClasses();
    }

    @Bean
    OpenApiCustomizer careerLedgerOpenApiCustomizer(HttpProperties http) {
        ObjectMapper json = new ObjectMapper();
        return openApi -> {
            addProblemSchemas(openApi);
            // HTTP Basic in the default mode, a Bearer JWT in production (docs/security.md)
            openApi.getComponents()
                    .addSecuritySchemes("basic", new io.swagger.v3.oas.models.security.SecurityScheme()
                            .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("basic"))
                    .addSecuritySchemes("bearer", new io.swagger.v3.oas.models.security.SecurityScheme()
                            .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String key = method.name() + " " + path;
                successStatus(key, operation);
                // each operation states what it needs: nothing, or HTTP Basic or a Bearer token
                operation.setSecurity(PUBLIC.contains(key) ? List.of() : List.of(
                        new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
                addHeaders(path, method, operation);
                addProblems(key, operation, method, http.maxBodySize().toKilobytes(), PUBLIC.contains(key));
                addExample(json, path, method, operation);
                actuatorAnswers(path, method, operation);
                if (ACTUATOR.containsKey(key)) {
                    operation.setDescription(ACTUATOR.get(key));
                }
                if (operation.getParameters() != null) {
                    // a quarter in a path is text to springdoc; its own schema (parameters may share one)
                    operation.getParameters().stream()
                            .filter(p -> "path".equals(p.getIn()) && "quarter".equals(p.getName()))
                            .forEach(p -> p.setSchema(new StringSchema().pattern(YearQuarter.PATTERN).example("2026-Q3")));
                }
            }));
            OpenApiConventions.applyPresence(openApi);
            nameTags(openApi);
            OpenApiConventions.tidyDescriptions(openApi);
            OpenApiConventions.dropUnused(openApi);
        };
    }

    /** The problem schemas, added last: springdoc rebuilds the components from the controllers first. */
    private static void addProblemSchemas(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSchemas(FIELD_ERROR, new ObjectSchema()
                        .description("One invalid field of a request")
                        .addProperty("field", new StringSchema().description("the field or parameter, e.g. `email`"))
                        .addProperty("message", new StringSchema().description("what is wrong with it"))
                        .required(List.of("field", "message")))
                .addSchemas(STORED, new ObjectSchema()
                        .description("A write that was stored, answered before its view caught up")
                        .addProperty("stored", new BooleanSchema())
                        .addProperty("detail", new StringSchema())
                        .required(List.of("stored", "detail")))
                .addSchemas(PROBLEM, new ObjectSchema()
                        .description("An RFC 9457 problem: every error answer has this shape")
                        .addProperty("type", new StringSchema().format("uri-reference")
                                .description("`/problems/<name>`: the kind of failure, or the domain rule that refused"))
                        .addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema())
                        .addProperty("detail", new StringSchema().description("what went wrong, in words"))
                        .addProperty("instance", new StringSchema().format("uri-reference"))
                        .addProperty("errors", new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                                .description("for validation errors (400): each invalid field"))
                        .addProperty("currentVersion", new IntegerSchema().format("int64")
                                .description("for `/problems/version-conflict` (409): the record's version now"))
                        .addProperty("expectedVersion", new IntegerSchema().format("int64")
                                .description("for `/problems/version-conflict` (409): the version `If-Match` named"))
                        .required(List.of("type", "title", "status", "detail")));
    }

    private static void successStatus(String key, Operation operation) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses == null ? null : responses.get("200");
        if (ok == null) {
            return;
        }
        if (CREATES.contains(key)) {
            responses.remove("200");
            responses.put("201", ok.description("Created; `Location` names the new resource")
                    .addHeaderObject("Location", new Header().description("the address of what was created")
                            .schema(new StringSchema().format("uri-reference"))));
        } else if (ACCEPTS.contains(key)) {
            responses.remove("200");
            responses.put("202", ok.description("Accepted: started; follow it at `Location`")
                    .addHeaderObject("Location", new Header().schema(new StringSchema().format("uri-reference"))));
        }
    }

    private static void addProblems(String key, Operation operation, PathItem.HttpMethod method,
                                    long maxBodyKilobytes, boolean isPublic) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
        boolean api = key.contains(" /api/");
        boolean apiWrite = write && api;
        if (hasInput) {
            responses.put("400", problem("""
                    Malformed JSON, a value of the wrong type, an unknown enum value, or failed validation: \
                    `/problems/validation` with `errors` naming each field, or `/problems/malformed-request`.""",
                    validationExample()));
        }
        // a path, a body or an id filter names a record: one that does not exist, or that the caller may not see,
        // is a 404 (a filter by a person the caller may not see too)
        boolean namesRecords = operation.getRequestBody() != null || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn())
                || p.getSchema() != null && "uuid".equals(p.getSchema().getFormat())));
        if (namesRecords && !isPublic && !key.equals(LOGGER_WRITE)) {
            responses.put("404", problem("""
                    The person, quarter, goal, evidence, decision or projection named in the path, or the person or \
                    manager the request names, does not exist or is not one the caller may see \
                    (`/problems/not-found`).""", null));
        }
        if (apiWrite && !ACCEPTS.contains(key)) {
            responses.put("202", new ApiResponse().description("""
                    Stored, but its view did not catch up in time (a rebuild may be running): the change is kept; \
                    read it again shortly.""").content(new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + STORED)))));
        }
        if (apiWrite) {
            responses.put("409", problem("""
                    Refused by a domain rule: `type` names the rule, e.g. `/problems/promotion-not-sustained`, \
                    `/problems/goal-limit-reached`, `/problems/quarter-closed`; or \
                    `/problems/concurrent-modification` when another change to the same record won.""", null));
        }
        if (operation.getRequestBody() != null) {
            responses.put("413", problem("The request body is larger than " + maxBodyKilobytes
                    + " KiB (`career.http.max-body-size`): `/problems/payload-too-large`.", null));
            responses.put("415", problem("The request body is not `application/json`: `/problems/unsupported-media-type`.",
                    null));
        }
        if (!isPublic) {
            responses.put("401", problem("No or bad credentials (HTTP Basic, or a Bearer token in JWT mode): "
                    + "`/problems/unauthenticated`.", null));
            responses.put("403", problem("Authenticated, but the role or the relationship to this person does not "
                    + "allow it: `/problems/forbidden`. Someone the caller may not see answers 404 instead.", null));
        }
        if (!isPublic) {
            responses.put("429", problem((apiWrite ? "Too many writes from this account, or too many failed sign-ins"
                    : "Too many failed sign-ins") + " (docs/security.md); see `Retry-After`: `/problems/rate-limited`, "
                    + "`/problems/sign-in-throttled`.", null));
        }
        if (apiWrite && method == PathItem.HttpMethod.POST) {
            responses.put("422", problem("This `Idempotency-Key` was first sent with another body: "
                    + "`/problems/idempotency-key-reused`.", null));
        }
        responses.put("406", problem("The request's `Accept` allows neither JSON nor problem+json: "
                + "`/problems/not-acceptable`.", null));
        responses.put("500", problem("An unexpected failure, logged on the server: `/problems/internal`.", null));
        responses.put("503", problem("""
                The database is unavailable (`/problems/database-unavailable`) or the view is being rebuilt \
                (`/problems/read-model-catching-up`); retry after `Retry-After` seconds.""", null));
        operation.setResponses(responses);
    }

    /**
     * Each controller's operations under one tag named for the resource ("Win Log", not "win-log-controller": a
     * generated client calls it {@code WinLogApi}), every tag used declared once.
     */
    private static void nameTags(OpenAPI openApi) {
        Set<String> used = new TreeSet<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getTags() != null) {
                operation.setTags(operation.getTags().stream().map(OpenApiConfiguration::tagName).toList());
                used.addAll(operation.getTags());
            }
        }));
        openApi.setTags(used.stream().map(name -> new Tag().name(name)).toList());
    }

    private static String tagName(String springdocTag) {
        if (!springdocTag.endsWith("-controller")) {
            return springdocTag;
        }
        return Arrays.stream(springdocTag.substring(0, springdocTag.length() - "-controller".length()).split("-"))
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    /**
     * The headers the HTTP edge reads and writes, which springdoc cannot see: {@code Idempotency-Key} on every POST,
     * {@code If-Match} on writes to a person or their quarters, the {@code ETag} of a person and of a quarter.
     */
    private static void addHeaders(String path, PathItem.HttpMethod method, Operation operation) {
        boolean api = path.startsWith("/api/");
        if (api && method == PathItem.HttpMethod.POST) {
            operation.addParametersItem(new Parameter().in("header").name(IdempotencyFilter.HEADER).required(false)
                    .description("Makes a retry safe: a retry with the same key and body answers the first result "
                            + "and stores nothing again (kept for `career.idempotency.ttl`, 24 h)")
                    .schema(new StringSchema().minLength(1).maxLength(IdempotencyFilter.MAX_KEY_LENGTH)
                            .pattern("^[\\x20-\\x7E]+$")));
        }
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
        if (path.startsWith(PERSON) && write) {
            operation.addParametersItem(new Parameter().in("header").name("If-Match").required(false)
                    .description("Applies the write only if the person (or the quarter, for a quarter's paths) is "
                            + "still at this version: the `ETag` a GET returned, e.g. `\"3\"`, or `*`; otherwise 409 "
                            + "`/problems/version-conflict`")
                    .schema(new StringSchema().pattern("^(\\*|\"\\d{1,18}\")$")));
        }
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (method == PathItem.HttpMethod.GET && ok != null && (path.equals(PERSON) || path.equals(QUARTER))) {
            ok.addHeaderObject("ETag", new Header().description("the version of the person or quarter, for `If-Match`")
                    .schema(new StringSchema()));
        }
    }

    /**
     * What the actuator's endpoints take and answer beyond what springdoc sees: the logger write's body as Boot reads
     * it (an object naming the level) and its 204; {@code /actuator/health} down is a 503 with the same body as up.
     */
    private static void actuatorAnswers(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if ((method.name() + " " + path).equals(LOGGER_WRITE)) {
            // Boot reads the body as a map of text; springdoc shows it as the bare level
            Schema<?> level = new StringSchema().nullable(true).description("the level to set (any letter case); "
                    + "null, empty or absent resets the logger to the level it inherits (not the root logger: 400)");
            level.setEnum(null);
            List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF").forEach(v -> ((StringSchema) level)
                    .addEnumItem(v));
            // other fields are ignored, but must be text too
            operation.getRequestBody().getContent().values().forEach(media -> media.setSchema(new ObjectSchema()
                    .addProperty("configuredLevel", level).additionalProperties(new StringSchema().nullable(true))));
            operation.getResponses().put("204", new ApiResponse().description("Set"));
        }
        if (path.equals("/actuator/prometheus") && ok != null && ok.getContent() != null) {
            // the format is chosen by the request's Accept, not by a query parameter; the answer is text, not JSON
            if (operation.getParameters() != null) {
                operation.getParameters().removeIf(p -> "format".equals(p.getName()));
            }
            ok.getContent().values().forEach(media -> media.setSchema(new StringSchema()));
        }
        if (path.equals("/actuator/health") && ok != null && operation.getResponses() != null) {
            operation.getResponses().put("503", new ApiResponse()
                    .description("DOWN: a component the service needs is down; the body says which")
                    .content(ok.getContent()));
        }
    }

    private static ApiResponse problem(String description, Object example) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        if (example != null) {
            media.setExample(example);
        }
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    private static Map<String, Object> validationExample() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/validation");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "email must be a well-formed email address");
        example.put("errors", List.of(Map.of("field", "email", "message", "must be a well-formed email address")));
        return example;
    }

    private static void addExample(ObjectMapper json, String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        String key = method.name() + " " + path;
        String example = EXAMPLES.get(key);
        if (example == null) {
            log.warn("No example request body for {}: add one to OpenApiConfiguration.EXAMPLES", key);
            return;
        }
        Object value;
        try {
            value = json.readValue(example, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example of " + key + " is not JSON", e);
        }
        operation.getRequestBody().getContent().values().forEach(media -> media.setExample(value));
    }
}
