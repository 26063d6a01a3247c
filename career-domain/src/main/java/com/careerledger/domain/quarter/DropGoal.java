package com.careerledger.domain.quarter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record DropGoal(UUID personId, String quarter, UUID goalId, String reason) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
