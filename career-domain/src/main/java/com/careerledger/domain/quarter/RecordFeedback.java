package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Who gives the feedback is not a field: it is the authenticated sender, taken from the message metadata.
 *
 * @param signalsLevel optional: the level the feedback suggests the person operates at
 */
public record RecordFeedback(UUID personId, YearQuarter quarter, UUID feedbackId, FeedbackRelationship relationship,
                             String text, LevelCode signalsLevel) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
