package com.careerledger.domain.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record AssignManager(@TargetAggregateIdentifier UUID personId, UUID managerId) {
}
