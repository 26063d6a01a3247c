package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record CorrectLevel(@TargetAggregateIdentifier UUID personId, UUID decisionId, LevelCode level, String reason) {
}
