package com.careerledger.domain.person;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent when an assessed quarter is reopened: its assessment no longer stands, so it leaves the sustained record
 * until the quarter is assessed again. Who reopened comes from metadata.
 *
 * @param assessmentId the assessment that was reopened; only that one is withdrawn
 */
public record WithdrawQuarterOutcome(@TargetAggregateIdentifier UUID personId, YearQuarter quarter, UUID assessmentId,
                                     String reason) {
}
