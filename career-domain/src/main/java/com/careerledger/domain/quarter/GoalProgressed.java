package com.careerledger.domain.quarter;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** Progress on a goal was recorded, typically at a 1:1. */
@Revision("1")
public record GoalProgressed(UUID personId, String quarter, UUID goalId, GoalStatus status, String note) {
}
