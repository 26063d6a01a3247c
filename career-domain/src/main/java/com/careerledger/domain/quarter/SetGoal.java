package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * @param goalId  chosen by the caller, so that a retried command names the same goal
 * @param measure how the person and their manager will know the goal was reached
 */
public record SetGoal(UUID personId, YearQuarter quarter, UUID goalId, String title, String description,
                      Dimension dimension, String measure) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
