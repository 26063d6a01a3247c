package com.careerledger.api.deadletters;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code /actuator/health} (details for ADMIN): how many events wait in the read models' dead-letter queues, in all
 * and per read model. Parked events do not make the application DOWN — it serves everyone else — but they need an
 * operator: see {@code GET /api/admin/dead-letters}.
 */
@Component("deadLettersHealthIndicator") // shown as "deadLetters"
public class DeadLettersHealth extends AbstractHealthIndicator {

    private final DeadLetters deadLetters;

    public DeadLettersHealth(DeadLetters deadLetters) {
        super("Dead-letter queue unreadable");
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> sizes = deadLetters.sizes();
        long size = sizes.values().stream().mapToLong(Long::longValue).sum();
        builder.up().withDetail("size", size).withDetail("byReadModel", sizes);
    }
}
