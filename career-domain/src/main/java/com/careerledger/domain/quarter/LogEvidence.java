package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An entry of the Win Log.
 *
 * @param evidenceId        chosen by the caller, so that a retried command names the same evidence
 * @param demonstratesLevel the level code this work shows the person operating at
 * @param goalId            optional: the goal of this quarter the work served
 * @param links             optional: http(s) links to the work (pull request, document, dashboard), at most 10
 */
public record LogEvidence(UUID personId, YearQuarter quarter, UUID evidenceId, String title, String description,
                          String impact, Dimension dimension, LevelCode demonstratesLevel, UUID goalId,
                          List<String> links, LocalDate occurredOn) {

    @TargetAggregateIdentifier
    public String quarterId() {
        return Quarter.routingIdOf(personId, quarter);
    }
}
