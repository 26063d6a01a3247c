package com.careerledger.api.security;

import com.careerledger.api.error.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
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
                Problems.write(request, response, Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                        "Method not allowed", "the method " + request.getMethod() + " is not supported"));
            } else {
                Problems.write(request, response, Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                        "Malformed request", "the request line is not acceptable"));
            }
        };
    }
}
