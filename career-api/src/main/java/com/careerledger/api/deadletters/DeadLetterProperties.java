package com.careerledger.api.deadletters;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Bounds of the read models' dead-letter queues (see application.yml and docs/operations.md).
 *
 * @param maxSequences    how many people (sequences) may have parked events, per read model; one more stops the
 *                        read models' processor instead of parking (so many failures are not one bad record)
 * @param maxSequenceSize how many events of one person may wait in one read model's queue
 * @param claimDuration   how long a retry holds a sequence before another retry may take it over
 */
@ConfigurationProperties("career.dead-letters")
public record DeadLetterProperties(Integer maxSequences, Integer maxSequenceSize, Duration claimDuration) {

    public DeadLetterProperties {
        maxSequences = maxSequences == null ? 1024 : maxSequences;
        maxSequenceSize = maxSequenceSize == null ? 100_000 : maxSequenceSize;
        claimDuration = claimDuration == null ? Duration.ofSeconds(30) : claimDuration;
        if (maxSequences < 1 || maxSequenceSize < 1) {
            throw new IllegalArgumentException("career.dead-letters.max-sequences and max-sequence-size must be positive");
        }
    }
}
