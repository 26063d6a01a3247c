package com.careerledger.api.web;

import com.careerledger.api.error.Failures;
import com.careerledger.api.error.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures that never reach a controller (an error raised in a filter, a status sent by the servlet container)
 * are forwarded to the error path; they are answered as problem+json too, instead of Spring Boot's default error
 * body. Replaces Boot's {@code BasicErrorController}.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code instanceof Integer value && value >= 400 && value < 600
                ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable t && Failures.databaseUnavailable(t)) {
            // raised before any controller ran: security's account lookup, the idempotency filter
            log.warn("Database unavailable: {}", t.getMessage());
            ResponseEntity<ProblemDetail> unavailable = Problems.databaseUnavailable();
            instance(request, unavailable.getBody());
            return unavailable;
        }
        if (failure instanceof Throwable t && status.is5xxServerError()) {
            log.error("Failure outside the controllers, answered with {}", status.value(), t);
        }
        ProblemDetail problem = Problems.forStatus(status);
        if (code == null) {
            // the error path asked for directly: there is nothing here
            problem.setType(Problems.type("unknown-endpoint"));
            problem.setDetail("there is no endpoint at this address");
        }
        instance(request, problem);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void instance(HttpServletRequest request, ProblemDetail problem) {
        if (problem != null && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(java.net.URI.create(uri.replaceAll("[^A-Za-z0-9/._~%-]", "")));
        }
    }
}
