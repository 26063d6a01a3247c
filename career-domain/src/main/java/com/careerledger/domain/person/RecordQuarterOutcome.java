package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent when a quarter is assessed (or re-assessed): the outcome joins the person's sustained record.
 *
 * @param levelHeld the level the person held in that quarter (the quarter's own, not today's)
 */
public record RecordQuarterOutcome(@TargetAggregateIdentifier UUID personId, YearQuarter quarter,
                                   LevelCode operatingLevel, UUID assessmentId, LevelCode levelHeld) {

    public RecordQuarterOutcome(UUID personId, YearQuarter quarter, LevelCode operatingLevel, UUID assessmentId) {
        this(personId, quarter, operatingLevel, assessmentId, null);
    }
}
