package com.careerledger.api.error;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(type));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail validation(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
