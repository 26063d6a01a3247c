package com.careerledger.domain.quarter;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.UUID;

/** An entry was added to the Win Log. */
@Revision("1")
public record EvidenceLogged(UUID personId, String quarter, UUID evidenceId, String title, String description,
                             String impact, Dimension dimension, String demonstratesLevel, UUID goalId,
                             String link, LocalDate occurredOn) {
}
