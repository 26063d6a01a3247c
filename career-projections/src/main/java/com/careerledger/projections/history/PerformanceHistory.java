package com.careerledger.projections.history;

import org.springframework.lang.Nullable;
import com.careerledger.domain.person.SustainedPerformancePolicy;

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
        @Nullable String nextLevel,
        int requiredQuarters,
        List<QuarterLine> quarters,
        int nextLevelStreak,
        ReadinessView readiness,
        Tenure tenure) {

    /**
     * One quarter the person opened.
     *
     * @param levelHeld      the level held in the quarter (on the track it is assessed on: a quarter still open when
     *                       the person switched tracks moved with them, its level mapped)
     * @param operatingLevel the level the quarter counts at in the sustained record: the latest assessment, mapped
     *                       to the person's track when it was assessed on the other one; null while the quarter is
     *                       open (or reopened: its assessment is withdrawn from the record until it is re-assessed)
     * @param atNextLevel    whether the quarter counts at its target level or above on the person's track, as the
     *                       next-level streak counts it; null while the quarter is open
     * @param goals          goals that are not dropped
     * @param evidence       Win Log entries that are not retracted
     * @param targetLevel    the level the quarter aimed at (mapped with it on a track switch); null at the top of a track
     * @param assessedLevel  the level as assessed, on the quarter's own track; null while open
     * @param mapped         how a mapped outcome reads, "IC4 (mapped to M2)"; null when the quarter counts at the
     *                       level it was assessed at
     */
    public record QuarterLine(String quarter, String levelHeld, @Nullable String operatingLevel,
                              @Nullable Boolean atNextLevel, int goals, int evidence, @Nullable String targetLevel,
                              @Nullable String assessedLevel, @Nullable String mapped) {
    }

    /** {@code READY}, {@code NOT_YET} or {@code TOP_OF_TRACK}, with what was found and what is missing. */
    public record ReadinessView(SustainedPerformancePolicy.Readiness status, String reason) {
    }

    /**
     * @param quartersAtLevel quarters opened since the level last changed (registration, level change, track switch)
     * @param usedInDecisions always false: levels are impact, not tenure
     */
    public record Tenure(int quartersAtLevel, boolean usedInDecisions) {
    }
}
