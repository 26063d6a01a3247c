package com.careerledger.domain.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent when a quarter is assessed (or re-assessed): the outcome joins the person's sustained record.
 *
 * @param levelHeld the level the person held in that quarter (the quarter's own, not today's)
 */
public record RecordQuarterOutcome(@TargetAggregateIdentifier UUID personId, String quarter, String operatingLevel,
                                   UUID assessmentId, String levelHeld) {

    public RecordQuarterOutcome(UUID personId, String quarter, String operatingLevel, UUID assessmentId) {
        this(personId, quarter, operatingLevel, assessmentId, null);
    }
}
