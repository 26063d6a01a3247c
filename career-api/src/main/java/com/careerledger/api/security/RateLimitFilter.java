package com.careerledger.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes per account are limited by a token bucket ({@code career.security.rate-limit.*}): a burst, refilled at
 * a steady rate. Over the limit: 429 problem+json with {@code Retry-After}. Reads are not limited. The buckets
 * live in this instance's memory: with several instances each enforces its own share.
 */
@Component
public class RateLimitFilter extends OncePerRequestFilter {

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens) {
            this.tokens = tokens;
            this.lastNanos = System.nanoTime();
        }

        /** @return 0 if a token was taken, or the seconds until one will be available */
        synchronized long take(double perSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }

    private final SecuritySettings.RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(SecuritySettings settings) {
        this.limit = settings.rateLimit();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/api/")
                || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CareerPrincipal principal) {
            long wait = buckets.computeIfAbsent(principal.actorId(), k -> new Bucket(limit.burst()))
                    .take(limit.writesPerSecond(), limit.burst());
            if (wait > 0) {
                response.setHeader("Retry-After", String.valueOf(wait));
                ProblemResponses.write(response, 429, "rate-limited", "Too many requests",
                        "this account sends writes faster than " + limit.writesPerSecond() + " per second; retry after "
                                + wait + " s", request.getRequestURI());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
