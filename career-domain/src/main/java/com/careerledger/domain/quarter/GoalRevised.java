package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A goal's wording was replaced; the event carries the whole new wording, not a difference. */
@Revision("1")
public record GoalRevised(UUID personId, YearQuarter quarter, UUID goalId, String title, String description,
                          Dimension dimension, String measure) {
}
