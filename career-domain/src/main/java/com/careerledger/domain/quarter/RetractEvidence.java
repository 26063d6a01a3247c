package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RetractEvidence(UUID personId, YearQuarter quarter, UUID evidenceId, String reason) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
