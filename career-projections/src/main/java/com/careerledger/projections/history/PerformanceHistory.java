package com.careerledger.projections.history;

import com.careerledger.domain.shared.Track;

import java.util.List;
import java.util.UUID;

/**
 * A person's sustained-performance history (contract: {@code GET /api/people/{personId}/performance-history}).
 *
 * @param nextLevel       the level one step up the person's track; null at the top of a track
 * @param nextLevelStreak consecutive assessed quarters at the next level or above, counted as promotions count them
 * @param tenure          time at level, shown as information only: never an input to readiness
 */
public record PerformanceHistory(
        UUID personId,
        Track track,
        String level,
        String nextLevel,
        int requiredQuarters,
        List<QuarterLine> quarters,
        int nextLevelStreak,
        Readiness readiness,
        Tenure tenure) {

    /**
     * One quarter the person opened.
     *
     * @param operatingLevel the level of the latest assessment; null while the quarter is open (or reopened)
     * @param atNextLevel    whether that assessment was at the quarter's target level or above; null while open
     * @param goals          goals that are not dropped
     * @param evidence       Win Log entries that are not retracted
     */
    public record QuarterLine(String quarter, String levelHeld, String operatingLevel, Boolean atNextLevel,
                              int goals, int evidence) {
    }

    /** {@code READY}, {@code NOT_YET} or {@code TOP_OF_TRACK}, with what was found and what is missing. */
    public record Readiness(String status, String reason) {
    }

    /**
     * @param quartersAtLevel quarters opened since the level last changed (registration, level change, track switch)
     * @param usedInDecisions always false: levels are impact, not tenure
     */
    public record Tenure(int quartersAtLevel, boolean usedInDecisions) {
    }
}
