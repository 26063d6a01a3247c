package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.shared.Track;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A role change between the IC and manager tracks, at the equivalent level: not a promotion.
 *
 * @param carriedOver the sustained record mapped to the new track; a quarter whose level has no equivalent
 *                    keeps its original level, so it never counts toward a level on the new track but still
 *                    breaks a streak
 */
@Revision("1")
public record TrackSwitched(
        UUID personId,
        UUID decisionId,
        Track fromTrack,
        LevelCode fromLevel,
        Track toTrack,
        LevelCode toLevel,
        List<QuarterOutcome> carriedOver,
        FrameworkRef framework,
        String rationale,
        String decidedBy,
        Instant decidedAt) {
}
