package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record DropGoal(UUID personId, YearQuarter quarter, UUID goalId, String reason) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
