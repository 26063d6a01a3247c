package com.careerledger.api.security;

import com.careerledger.api.error.Problems;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Writes per account are limited by a token bucket with two limits ({@code career.security.rate-limit.*}): a
 * burst refilled at a steady rate per second, and a number per minute, so one client writing as fast as it can
 * is slowed within seconds and a steady flood within a minute. Over either: 429 problem+json with
 * {@code Retry-After}. Reads are not limited. The buckets live in this instance's memory: with several instances
 * each enforces its own share.
 */
@Component
public class RateLimitFilter extends OncePerRequestFilter {

    private final SecuritySettings.RateLimit limit;
    private final TimeMeter time;
    // an account idle until both of its limits are refilled has full buckets again: forgetting it changes nothing
    private final Cache<String, Bucket> buckets;

    public RateLimitFilter(SecuritySettings settings, ObjectProvider<TimeMeter> time) {
        this.limit = settings.rateLimit();
        this.time = time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME);
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).ticker(this.time::currentTimeNanos)
                .expireAfterAccess(max(Duration.ofMinutes(1), refillTime().multipliedBy(limit.burst()))).build();
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
            ConsumptionProbe probe = buckets.get(principal.actorId(), k -> bucket()).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() - 1) + 1);
                response.setHeader("Retry-After", String.valueOf(wait));
                Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        "Too many requests", "this account sends writes faster than " + limit.writesPerSecond()
                                + " per second or " + limit.writesPerMinute() + " per minute; retry after " + wait + " s"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(1, refillTime()).build())
                .addLimit(Bandwidth.builder().capacity(limit.writesPerMinute())
                        .refillGreedy(limit.writesPerMinute(), Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The time one write's token takes to come back at {@code writes-per-second}. */
    private Duration refillTime() {
        return Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.writesPerSecond())));
    }
}
