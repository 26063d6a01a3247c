package com.careerledger.domain.person;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Sent when a quarter is assessed (or re-assessed): the outcome joins the person's sustained record. */
public record RecordQuarterOutcome(@TargetAggregateIdentifier UUID personId, String quarter, String operatingLevel,
                                   UUID assessmentId) {
}
