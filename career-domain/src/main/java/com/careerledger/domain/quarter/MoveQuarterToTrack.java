package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent for each of a person's quarters when they switch tracks: a quarter still open moves with them, so it is
 * assessed on the ladder they are now on; an assessed quarter stays as it was judged.
 *
 * @param decisionId the track switch that moves it
 * @param toLevel    the level the person holds on the new track
 */
public record MoveQuarterToTrack(UUID personId, YearQuarter quarter, UUID decisionId, Track toTrack,
                                 LevelCode toLevel) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
