package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** @param quarter written {@code YYYY-Qn}, e.g. {@code 2026-Q3} */
public record OpenQuarter(UUID personId, YearQuarter quarter) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
