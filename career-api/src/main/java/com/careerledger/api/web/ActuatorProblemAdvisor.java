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
 * Failures the actuator raises (a value that does not convert, an unsupported method) reach {@link ProblemHandler}.
 */
public class ActuatorProblemAdvisor implements OperationInvokerAdvisor {

    @Override
    public OperationInvoker apply(EndpointId endpointId, OperationType operationType, OperationParameters parameters,
                                  OperationInvoker invoker) {
        return context -> {
            Object result = invoker.invoke(context);
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
