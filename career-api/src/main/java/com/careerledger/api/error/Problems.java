package com.careerledger.api.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;

/** Builds RFC 9457 problems whose {@code type} names the rule or the kind of failure. */
public final class Problems {

    /** Relative to this server; a client can rely on the last segment as a stable rule name. */
    public static final String TYPE_PREFIX = "/problems/";

    public record FieldError(String field, String message) {
    }

    private Problems() {
    }

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

    /** How long a client is asked to wait before retrying while the database cannot be reached, in seconds. */
    public static final String DATABASE_RETRY_AFTER_SECONDS = "5";

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
}
