package com.careerledger.api.error;

import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.ReadModelBehindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every failure becomes {@code application/problem+json}: never a stack trace, SQL or class name. Domain
 * refusals are 409 with the rule's name as the problem type; malformed input is 400 with field errors.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainRuleViolation.class)
    ProblemDetail ruleViolated(DomainRuleViolation e) {
        return Problems.of(HttpStatus.CONFLICT, e.rule(), "Refused by a rule", e.getMessage());
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

    @ExceptionHandler({ConcurrencyException.class, DuplicateKeyException.class})
    ProblemDetail conflict(RuntimeException e) {
        log.info("Concurrent modification refused: {}", e.getMessage());
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "another change to the same record was committed first; read it again and retry");
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                        "the database cannot be reached; retry shortly"));
    }

    /**
     * A read that cannot be answered without showing a state older than the event store: 503, retry. After a
     * write, the change itself is stored, only its view is late: 202, with no suggestion that it failed.
     */
    @ExceptionHandler(ReadModelBehindException.class)
    ResponseEntity<?> readModelBehind(ReadModelBehindException e, jakarta.servlet.http.HttpServletRequest request) {
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
        String message = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? "must be one of " + Arrays.toString(e.getRequiredType().getEnumConstants())
                : "has an invalid value";
        return Problems.validation(e.getName() + " " + message,
                List.of(new Problems.FieldError(e.getName(), message)));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it has been logged");
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
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.validation(detail, errors));
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
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(Problems.validation(detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String message;
            if (mismatch instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
            } else {
                message = "has the wrong type";
            }
            return ResponseEntity.badRequest().body(Problems.validation(field + " " + message,
                    List.of(new Problems.FieldError(field, message))));
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", "the request body is not valid JSON of the expected shape"));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
