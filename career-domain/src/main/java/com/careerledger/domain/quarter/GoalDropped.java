package com.careerledger.domain.quarter;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A goal was given up; it stays in the history and frees its place among the active goals. */
@Revision("1")
public record GoalDropped(UUID personId, String quarter, UUID goalId, String reason) {
}
