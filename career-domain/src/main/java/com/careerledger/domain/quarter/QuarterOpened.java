package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.shared.Track;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A person's quarter began, at the level they held that day.
 *
 * @param levelHeld   the person's level when the quarter was opened
 * @param targetLevel the next level on the person's track, which goals aim at; null at the top of a track
 */
@Revision("1")
public record QuarterOpened(UUID personId, YearQuarter quarter, Track track, LevelCode levelHeld,
                            LevelCode targetLevel) {
}
