package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A goal was given up; it stays in the history and frees its place among the active goals. */
@Revision("1")
public record GoalDropped(UUID personId, YearQuarter quarter, UUID goalId, String reason) {
}
