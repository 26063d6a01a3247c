package com.careerledger.domain.quarter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** @param quarter written {@code YYYY-Qn}, e.g. {@code 2026-Q3} */
public record OpenQuarter(UUID personId, String quarter) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
