package com.careerledger.domain.quarter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RetractEvidence(UUID personId, String quarter, UUID evidenceId, String reason) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
