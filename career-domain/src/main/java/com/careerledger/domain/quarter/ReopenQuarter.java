package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Opens an assessed quarter again so that its assessment can be amended; who reopens comes from metadata. */
public record ReopenQuarter(UUID personId, YearQuarter quarter, String reason) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
