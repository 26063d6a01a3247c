package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.shared.Track;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * An open quarter moved to the person's new track after a track switch: its level held and target level are
 * the old ones mapped through the equivalence table, and it is assessed on the new ladder.
 *
 * @param decisionId the track switch that moved it
 */
@Revision("1")
public record QuarterMovedToTrack(UUID personId, YearQuarter quarter, UUID decisionId, Track fromTrack, Track toTrack,
                                  LevelCode previousLevelHeld, LevelCode levelHeld, LevelCode previousTargetLevel,
                                  LevelCode targetLevel) {
}
