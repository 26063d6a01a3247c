package com.careerledger.api.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Every response an API test receives is checked against the published OpenAPI document, {@code docs/openapi.json}
 * (kept equal to the served one by {@code OpenApiFileTest}), with Atlassian's swagger-request-validator: its status
 * is documented for the operation, its body matches the documented schema (required fields, types, nullability,
 * enums, formats) and its media type is the documented one. A response to a request the document does not describe
 * (an unknown path or method) must still be an error in {@code application/problem+json}. A mismatch fails the test
 * that received the response.
 *
 * <p>Requests are not validated: tests send invalid ones on purpose. The number of responses validated is written,
 * when the test JVM ends, to {@code target/openapi-validated-responses.txt} and to the console.
 */
public final class DocumentedResponses {

    /** The document every response is checked against: the module's tests run with career-api as the directory. */
    public static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

    private static final AtomicLong VALIDATED = new AtomicLong();
    private static final AtomicLong OUTSIDE_THE_DOCUMENT = new AtomicLong();
    private static volatile OpenApiInteractionValidator validator;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DocumentedResponses::writeCount, "openapi-response-count"));
    }

    private DocumentedResponses() {
    }

    /** Checks one response; throws an {@link AssertionError} naming every mismatch. */
    public static void check(String method, URI uri, int status, Map<String, List<String>> headers, String body) {
        Request.Method verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (body != null && !body.isEmpty() && verb != Request.Method.HEAD) {
            response.withBody(body);
        }
        ValidationReport report = validator().validateResponse(uri.getRawPath(), verb, response.build());
        if (report.getMessages().stream().anyMatch(DocumentedResponses::outsideTheDocument)) {
            OUTSIDE_THE_DOCUMENT.incrementAndGet();
            checkUndocumentedRequestAnsweredWithAProblem(method, uri, status, headers, body);
            return;
        }
        VALIDATED.incrementAndGet();
        if (report.hasErrors()) {
            fail("The response to " + method + " " + uri.getRawPath() + " (" + status
                    + ") does not match " + DOCUMENT + ":\n" + report.getMessages().stream()
                    .map(m -> "  - [" + m.getKey() + "] " + m.getMessage())
                    .collect(Collectors.joining("\n")) + "\nbody: " + abbreviated(body));
        }
    }

    /** How many responses were validated against an operation of the document so far. */
    public static long validated() {
        return VALIDATED.get();
    }

    private static boolean outsideTheDocument(ValidationReport.Message message) {
        return message.getKey().equals("validation.response.path.missing")
                || message.getKey().equals("validation.request.path.missing")
                || message.getKey().equals("validation.request.operation.notAllowed")
                || message.getKey().equals("validation.response.operation.notAllowed");
    }

    private static void checkUndocumentedRequestAnsweredWithAProblem(String method, URI uri, int status,
                                                                    Map<String, List<String>> headers, String body) {
        String where = method + " " + uri.getRawPath() + " (" + status + ")";
        if (status < 400) {
            // the document's own address, Swagger UI and the like: not API operations
            return;
        }
        String type = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        if (!"HEAD".equalsIgnoreCase(method) && (type == null || !type.startsWith("application/problem+json"))) {
            fail("The error answering " + where + ", a request the document does not describe, "
                    + "is not application/problem+json but " + type + ": " + abbreviated(body));
        }
    }

    /**
     * Fails the test; with {@code -Dopenapi.validation=report}, writes the mismatch to
     * {@code target/openapi-mismatches.txt} instead (to survey a change to the document in one run).
     */
    private static void fail(String mismatch) {
        if (!"report".equals(System.getProperty("openapi.validation"))) {
            throw new AssertionError(mismatch);
        }
        synchronized (DocumentedResponses.class) {
            try {
                Files.writeString(Path.of("target", "openapi-mismatches.txt"), mismatch + "\n\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator current = validator;
        if (current == null) {
            synchronized (DocumentedResponses.class) {
                current = validator;
                if (current == null) {
                    current = OpenApiInteractionValidator.createForInlineApiSpecification(read(DOCUMENT))
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                    validator = current;
                }
            }
        }
        return current;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("The published OpenAPI document " + path.toAbsolutePath()
                    + " cannot be read: run OpenApiFileTest with -Dopenapi.write to write it", e);
        }
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2_000 ? String.valueOf(body) : body.substring(0, 2_000) + "…";
    }

    private static void writeCount() {
        String line = VALIDATED.get() + " responses validated against " + DOCUMENT + "; "
                + OUTSIDE_THE_DOCUMENT.get() + " answered requests the document does not describe";
        System.out.println("[openapi] " + line);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("openapi-validated-responses.txt"), line + "\n");
            }
        } catch (IOException e) {
            System.err.println("[openapi] cannot write the count: " + e);
        }
    }
}
