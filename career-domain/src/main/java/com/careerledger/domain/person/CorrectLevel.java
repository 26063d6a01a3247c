package com.careerledger.domain.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record CorrectLevel(@TargetAggregateIdentifier UUID personId, UUID decisionId, String level, String reason) {
}
