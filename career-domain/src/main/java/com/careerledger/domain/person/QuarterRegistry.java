package com.careerledger.domain.person;

import java.util.List;
import java.util.UUID;

/**
 * The quarters of a person that are open now, as committed with the events (never a lagging read model): a
 * track switch moves them to the new track.
 */
public interface QuarterRegistry {

    /** The person's quarters whose status is OPEN, written {@code YYYY-Qn}, oldest first. */
    List<String> openQuartersOf(UUID personId);
}
