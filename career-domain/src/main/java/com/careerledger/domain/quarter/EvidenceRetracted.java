package com.careerledger.domain.quarter;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A Win Log entry was withdrawn; it stays in the history but no longer supports an assessment. */
@Revision("1")
public record EvidenceRetracted(UUID personId, String quarter, UUID evidenceId, String reason) {
}
