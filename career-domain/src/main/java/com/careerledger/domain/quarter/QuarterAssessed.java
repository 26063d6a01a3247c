package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * The quarter was assessed and closed: the level the person operated at, against the level held.
 *
 * @param atNextLevel        true when the operating level is the quarter's target level or above
 * @param assessedBy         the authenticated principal who assessed (from metadata, never a request field)
 * @param amendsAssessmentId the assessment this one replaces, when the quarter had been reopened; else null
 */
@Revision("1")
public record QuarterAssessed(UUID personId, YearQuarter quarter, UUID assessmentId, LevelCode operatingLevel,
                              LevelCode levelHeld, LevelCode targetLevel, boolean atNextLevel, String rationale,
                              String assessedBy, UUID amendsAssessmentId) {
}
