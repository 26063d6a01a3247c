package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A Win Log entry was withdrawn; it stays in the history but no longer supports an assessment. */
@Revision("1")
public record EvidenceRetracted(UUID personId, YearQuarter quarter, UUID evidenceId, String reason) {
}
