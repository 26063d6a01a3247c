package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A goal was set for the quarter.
 *
 * @param targetLevel the level the goal aims at (the quarter's target); null at the top of a track
 */
@Revision("1")
public record GoalSet(UUID personId, YearQuarter quarter, UUID goalId, String title, String description,
                      Dimension dimension, String measure, LevelCode targetLevel) {
}
