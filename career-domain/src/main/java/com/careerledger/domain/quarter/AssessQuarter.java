package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Who assesses is not a field: it is the authenticated sender, taken from the message metadata.
 *
 * @param operatingLevel the level the person was seen operating at this quarter
 */
public record AssessQuarter(UUID personId, YearQuarter quarter, UUID assessmentId, LevelCode operatingLevel,
                            String rationale) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
