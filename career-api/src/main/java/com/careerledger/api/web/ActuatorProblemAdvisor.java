package com.careerledger.api.web;

import com.careerledger.api.error.Problems;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvoker;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameters;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The actuator's failures that it answers without a body become problems like every other: a read operation that
 * finds nothing (an unknown metric, logger or property) returns {@code null}, which Spring Boot answers as a bare
 * 404; an operation may also return a {@code WebEndpointResponse} with an error status and no body (the env
 * endpoint's unknown property). Either is given the status's problem ({@link Problems#forStatus}) as its body;
 * Spring MVC writes it as it writes the controllers' problems, the request's path as its {@code instance}.
 * Failures the actuator raises (a value that does not convert, an unsupported method) reach {@link ProblemHandler};
 * a level the logging system refuses (the root logger reset to none) is the caller's 400, not a 500.
 */
public class ActuatorProblemAdvisor implements OperationInvokerAdvisor {

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
                                  OperationInvoker invoker) {
        return context -> {
            Object result;
            try {
                result = invoker.invoke(context);
            } catch (IllegalArgumentException e) {
                if (operationType != OperationType.WRITE || !"loggers".equals(endpointId.toString())) {
                    throw e;
                }
                // Logback refuses to reset the root logger's level (it inherits from nothing): the caller's value
                return new WebEndpointResponse<>(Problems.invalid("configuredLevel",
                        "the root logger needs a level: it has none to inherit, so it cannot be reset"),
                        WebEndpointResponse.STATUS_BAD_REQUEST, MediaType.APPLICATION_PROBLEM_JSON);
            }
            if (result == null && operationType == OperationType.READ) {
                return problem(WebEndpointResponse.STATUS_NOT_FOUND);
            }
            if (result instanceof WebEndpointResponse<?> response && response.getBody() == null
                    && response.getStatus() >= 400) {
                return problem(response.getStatus());
            }
            return result;
        };
    }

    private static WebEndpointResponse<?> problem(int status) {
        return new WebEndpointResponse<>(Problems.forStatus(HttpStatusCode.valueOf(status)), status,
                MediaType.APPLICATION_PROBLEM_JSON);
    }
}
