package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;

import java.util.UUID;

/**
 * The level a person was assessed as operating at in one quarter, and the assessment that says so.
 *
 * @param operatingLevel the level that counts on the person's track
 * @param mappedFrom     the level as assessed, when it was on the other track and {@code operatingLevel} is its
 *                       equivalent ("IC4 (mapped to M2)"); null when the quarter was assessed on the track it counts on
 */
public record QuarterOutcome(YearQuarter quarter, LevelCode operatingLevel, UUID assessmentId, LevelCode mappedFrom) {

    public QuarterOutcome(YearQuarter quarter, LevelCode operatingLevel, UUID assessmentId) {
        this(quarter, operatingLevel, assessmentId, null);
    }

    /** How the outcome reads: "IC3", or "IC4 (mapped to M2)". */
    public String describe() {
        return mappedFrom == null ? operatingLevel.code() : mappedFrom + " (mapped to " + operatingLevel + ")";
    }
}
