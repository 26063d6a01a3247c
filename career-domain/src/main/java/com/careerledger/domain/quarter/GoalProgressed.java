package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** Progress on a goal was recorded, typically at a 1:1. */
@Revision("1")
public record GoalProgressed(UUID personId, YearQuarter quarter, UUID goalId, GoalStatus status, String note) {
}
