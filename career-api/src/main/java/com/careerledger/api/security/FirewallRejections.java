package com.careerledger.api.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.util.Set;

/**
 * Requests Spring Security's firewall refuses before anything else sees them (a method such as TRACE, an
 * encoded slash or NUL in the path) are answered like every other failure: problem+json, never an empty 400.
 */
@Configuration(proxyBeanMethods = false)
public class FirewallRejections {

    private static final Set<String> ALLOWED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

    @Bean
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            if (!ALLOWED.contains(request.getMethod())) {
                response.setHeader("Allow", "GET, HEAD, POST, PUT, OPTIONS");
                ProblemResponses.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method not allowed", "the method " + request.getMethod() + " is not supported",
                        request.getRequestURI());
            } else {
                ProblemResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, "malformed-request",
                        "Malformed request", "the request line is not acceptable", request.getRequestURI());
            }
        };
    }
}
