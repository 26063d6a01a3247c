package com.careerledger.api.web;

import com.careerledger.api.error.ApiRuleViolation;
import com.careerledger.api.error.Failures;
import com.careerledger.api.error.Problems;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.ReadModelBehindException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.actuate.endpoint.invoke.ParameterMappingException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every failure becomes {@code application/problem+json}: never a stack trace, SQL or class name. Refusals by a
 * rule (of the domain or of the API) are 409 with the rule's name as the problem type; malformed input is 400 with
 * field errors. Failures
 * Spring MVC answers itself (unknown route, wrong method, not JSON, missing parameter...) get a stable
 * {@code type} of their own and a detail written here, never the exception's message.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail ruleViolated(DomainRuleViolation e) {
        return Problems.refused(e.rule(), e.getMessage());
    }

    @ExceptionHandler(ApiRuleViolation.class)
    ProblemDetail ruleViolated(ApiRuleViolation e) {
        return Problems.refused(e.rule(), e.getMessage());
    }

    @ExceptionHandler(InvalidCommandException.class)
    ProblemDetail invalidCommand(InvalidCommandException e) {
        return Problems.validation(e.getMessage(), List.of(new Problems.FieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        String detail = e instanceof NotFoundException ? e.getMessage() : "not found";
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    /**
     * Another writer changed the same aggregate first, and the command's retries on fresh state (see
     * config/CommandRetry) lost too: nothing of it was stored.
     */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class, DuplicateKeyException.class})
    ProblemDetail conflict(RuntimeException e) {
        log.info("Concurrent modification refused: {}", e.getMessage());
        return Problems.concurrentModification();
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return Problems.databaseUnavailable();
    }

    /**
     * A read that cannot be answered without showing a state older than the event store: 503, retry. After a
     * write, the change itself is stored, only its view is late: 202, with no suggestion that it failed.
     */
    @ExceptionHandler(ReadModelBehindException.class)
    ResponseEntity<?> readModelBehind(ReadModelBehindException e, HttpServletRequest request) {
        log.info("Read model behind: {}", e.getMessage());
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(java.util.Map.of(
                    "stored", true,
                    "detail", "the change was stored; its view is catching up (a rebuild may be running): read it again shortly"));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "read-model-catching-up", "Read model catching up",
                        "this view is being rebuilt or is catching up with recent changes; retry shortly"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.invalid(e.getName(), expectation(e.getRequiredType()));
    }

    @ExceptionHandler(RequestLimitsFilter.BodyTooLargeException.class)
    ProblemDetail bodyTooLarge(RequestLimitsFilter.BodyTooLargeException e) {
        return tooLarge(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e.getClass().getName().startsWith("org.springframework.security.")) {
            // access denied or authentication required: Spring Security's filters turn these into 401/403 (sent to
            // the error path, so answered as problems too); answering them here would make them 500s
            throw e;
        }
        // the event store, Axon's unit of work and Spring's transactions wrap the database's failure in their own
        if (Failures.databaseUnavailable(e)) {
            log.warn("Database unavailable: {}", e.getMessage());
            return Problems.databaseUnavailable();
        }
        if (Failures.lostRace(e)) {
            log.info("Concurrent modification refused: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.concurrentModification());
        }
        SQLException refused = dataException(e);
        if (refused != null) {
            // SQLSTATE class 22 (data exception): the database refused a value of the request as such, e.g. a date
            // or a text it cannot represent. The input is at fault, and nothing was stored.
            log.info("A value was refused by the database: SQLSTATE {}", refused.getSQLState());
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-value",
                    "Invalid value", "a value of the request is out of the range that can be stored"));
        }
        log.error("Unexpected failure", e);
        return ResponseEntity.internalServerError().body(Problems.forStatus(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problems.FieldError(f.getField(), f.getDefaultMessage()))
                .collect(Collectors.toCollection(ArrayList::new));
        ex.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(new Problems.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException ex,
                                                                            @NonNull HttpHeaders headers,
                                                                            @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new Problems.FieldError(
                        r.getMethodParameter().getParameterName(),
                        err instanceof FieldError fe ? fe.getDefaultMessage() : err.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        RequestLimitsFilter.BodyTooLargeException tooLarge = causeOf(ex, RequestLimitsFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge(tooLarge));
        }
        Throwable cause = ex.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String message = mismatch instanceof StrictJsonModule.UnacceptableValueException unacceptable
                    ? unacceptable.reason()
                    : expectation(mismatch.getTargetType());
            return ResponseEntity.badRequest().body(Problems.invalid(field, message));
        }
        String detail;
        if (cause instanceof MismatchedInputException) {
            detail = "the request body must be a JSON object with the fields of this request";
        } else if (cause instanceof JsonProcessingException json && json.getLocation() != null
                && json.getLocation() != JsonLocation.NA) {
            detail = "the request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
        } else if (cause == null) {
            detail = "a JSON request body is required";
        } else {
            detail = "the request body is not valid JSON of the expected shape";
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", detail));
    }

    /**
     * Everything else ResponseEntityExceptionHandler answers (405, 415, 406, unknown routes, missing parameters...)
     * passes here: its body is replaced by one with a stable type and a detail of ours.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, @Nullable Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode,
                                                             @NonNull WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail given && given.getType() != null
                && given.getType().toString().startsWith(Problems.TYPE_PREFIX) ? given : problemFor(ex, statusCode);
        if (statusCode.is5xxServerError() && !(ex instanceof AsyncRequestTimeoutException)) {
            log.error("Failure answered with {}", statusCode.value(), ex);
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static ProblemDetail problemFor(Exception ex, HttpStatusCode status) {
        ProblemDetail problem = Problems.forStatus(status);
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            Set<HttpMethod> allowed = e.getSupportedHttpMethods();
            if (allowed != null && !allowed.isEmpty()) {
                problem.setDetail("this method is not supported here; allowed: "
                        + allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
            }
        } else if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            problem.setType(Problems.type("unknown-endpoint"));
            problem.setDetail("there is no endpoint at this address");
        } else if (ex instanceof MissingServletRequestParameterException e) {
            problem = Problems.invalid(e.getParameterName(), "is required");
            problem.setStatus(status.value());
        } else if (ex instanceof MissingPathVariableException e && status.value() == 400) {
            // a path segment that converts to nothing, e.g. a blank id
            problem = Problems.invalid(e.getVariableName(), "is required");
        } else if (ex instanceof TypeMismatchException e && e.getPropertyName() != null) {
            problem = Problems.invalid(e.getPropertyName(), expectation(e.getRequiredType()));
        } else if (ex instanceof AsyncRequestTimeoutException) {
            problem.setType(Problems.type("timeout"));
            problem.setDetail("the request took too long; retry shortly");
        } else if (ex.getCause() instanceof ParameterMappingException e) {
            // an actuator operation's parameter that does not convert, e.g. a logger's configuredLevel
            problem = Problems.invalid(e.getParameter().getName(), expectation(e.getParameter().getType()));
        } else if (ex instanceof ResponseStatusException e && e.getReason() != null && !status.is5xxServerError()) {
            problem.setDetail(e.getReason()); // written by this application's code for its clients
        }
        // HttpMediaTypeNotSupportedException (415), HttpMediaTypeNotAcceptableException (406),
        // MaxUploadSizeExceededException (413) and the rest: the status's own type and detail suffice
        return problem;
    }

    private static ProblemDetail tooLarge(RequestLimitsFilter.BodyTooLargeException e) {
        return RequestLimitsFilter.tooLarge(e.limit());
    }

    /** What a value of the given type must look like, in the client's terms. */
    private static String expectation(@Nullable Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == LocalDate.class) {
            return "must be a date written YYYY-MM-DD";
        }
        if (type == Instant.class) {
            return "must be an instant written like 2026-07-01T09:00:00Z";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        return "has the wrong type";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static SQLException dataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return sql;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
