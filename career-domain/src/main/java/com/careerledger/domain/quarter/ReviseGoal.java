package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Replaces a goal's wording; the earlier wording stays in the history. */
public record ReviseGoal(UUID personId, YearQuarter quarter, UUID goalId, String title, String description,
                         Dimension dimension, String measure) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
