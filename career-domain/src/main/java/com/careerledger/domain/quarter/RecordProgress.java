package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** @param note optional: what was said at the 1:1 */
public record RecordProgress(UUID personId, YearQuarter quarter, UUID goalId, GoalStatus status, String note) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
