package com.careerledger.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every RFC 9457 problem of the application is built and written here, and nowhere else. Its {@code type} names
 * the rule or the kind of failure. Handlers inside Spring MVC return the {@link ProblemDetail}s built here (Spring
 * writes them with the application's ObjectMapper); code that answers before or outside Spring MVC (servlet
 * filters, Spring Security's handlers, Tomcat's error report valve) writes them with {@link #write}, to the same
 * JSON.
 */
public final class Problems {

    /** Relative to this server; a client can rely on the last segment as a stable rule name. */
    public static final String TYPE_PREFIX = "/problems/";

    /** How long a client is asked to wait before retrying while the database cannot be reached, in seconds. */
    public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    /**
     * A problem's JSON, as Spring MVC writes a {@link ProblemDetail}: its {@code properties} beside the standard
     * members, empty members left out.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    public record FieldError(String field, String message) {
    }

    private Problems() {
    }

    // --- building -------------------------------------------------------------------------------------------------

    public static URI type(String name) {
        return URI.create(TYPE_PREFIX + name);
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        return of((HttpStatusCode) status, type, title, detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * 409, the request refused by a rule of the domain or of the API itself: {@code reason} names the rule (or
     * the condition) and is the problem's type, the detail says what was wrong in words.
     */
    public static ProblemDetail refused(String reason, String detail) {
        return of(HttpStatus.CONFLICT, reason, "Refused by a rule", detail);
    }

    /** 503 {@code database-unavailable} with {@code Retry-After}: nothing was done, the request may be sent again. */
    public static ResponseEntity<ProblemDetail> databaseUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(databaseUnavailableProblem());
    }

    public static ProblemDetail databaseUnavailableProblem() {
        return of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "the database cannot be reached; nothing was changed; retry shortly");
    }

    /** 409 {@code concurrent-modification}: another change to the same record won, nothing of this one was stored. */
    public static ProblemDetail concurrentModification() {
        return of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "another change to the same record was committed first and this one could not be applied after it; "
                        + "nothing was changed: read it again and retry");
    }

    public static ProblemDetail validation(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** 400 {@code validation}, its detail naming each error: {@code <field> <message>; <field> <message>}. */
    public static ProblemDetail validation(List<FieldError> errors) {
        return validation(errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")),
                errors);
    }

    /** 400 {@code validation} of one field, parameter or header. */
    public static ProblemDetail invalid(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    /**
     * The problem for a bare HTTP status, when nothing more specific is known (a failure the framework or the
     * servlet container answered): a stable type per status, never {@code about:blank}.
     */
    public static ProblemDetail forStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String type = switch (status.value()) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 500 -> "internal";
            case 503 -> "service-unavailable";
            default -> known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
        };
        String title = known == null ? "HTTP " + status.value() : known.getReasonPhrase();
        String detail = switch (status.value()) {
            case 400 -> "the request is malformed";
            case 401 -> "authentication is required";
            case 403 -> "not allowed";
            case 404 -> "there is nothing at this address";
            case 405 -> "this method is not supported here";
            case 406 -> "responses are application/json, errors application/problem+json";
            case 413 -> "the request body is too large";
            case 415 -> "request bodies must be sent as application/json";
            case 500 -> "the request could not be completed; it has been logged";
            default -> title;
        };
        return of(status, type, title, detail);
    }

    // --- writing, outside Spring MVC ------------------------------------------------------------------------------

    /** The problem as the whole answer to the request, with the request's path as its {@code instance}. */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // Tomcat lets no such path through today; should one come, the answer still goes out, telling it as is
            problem.setProperty("instance", request.getRequestURI());
        }
        write(response, problem);
    }

    /** The problem as the whole answer: its status, {@code application/problem+json} in UTF-8, its JSON. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        head(response, problem);
        JSON.writeValue(response.getOutputStream(), problem);
    }

    /** The status and content type of a problem's answer, for a writer that sends its body itself: {@link #json}. */
    public static void head(HttpServletResponse response, ProblemDetail problem) {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    }

    public static String json(ProblemDetail problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
