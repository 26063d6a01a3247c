package com.careerledger.domain.person;

import java.util.UUID;

/** The level a person was assessed as operating at in one quarter, and the assessment that says so. */
public record QuarterOutcome(String quarter, String operatingLevel, UUID assessmentId) {
}
