package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** @param override present only when the committee decides against the sustained-performance rule */
public record PromotePerson(@TargetAggregateIdentifier UUID personId, UUID decisionId, LevelCode targetLevel,
                            String rationale, PromotionOverride override) {
}
