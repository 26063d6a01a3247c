package com.careerledger.projections.stats;

import com.careerledger.domain.shared.Track;

import java.util.List;

/** What the statistics read model answers with (contract: {@code GET /api/stats}). */
public final class StatsViews {

    private StatsViews() {
    }

    /**
     * @param nextLevelStreakVsPromotion       beside time at level, what predicts a promotion: stints by next-level streak
     * @param timeAtLevelAndStreakVsPromotion  the same stints by time at level and streak together
     * @param requiredQuarters                 the streak the promotion rule asks for
     * @param streakNote                       how to read the streak tables
     */
    public record OrgStats(List<LevelCount> levelDistribution, List<QuarterPromotions> promotionsPerQuarter,
                           List<TenureBucket> timeAtLevelVsPromotion, String note,
                           List<StreakBucket> nextLevelStreakVsPromotion,
                           List<TenureAndStreakBucket> timeAtLevelAndStreakVsPromotion, int requiredQuarters,
                           String streakNote) {
    }

    /** How many people currently hold a level. */
    public record LevelCount(Track track, String level, long count) {
    }

    /** How many promotions were decided in a calendar quarter ({@code YYYY-Qn}, UTC). */
    public record QuarterPromotions(String quarter, long promotions) {
    }

    /**
     * One tenure bucket: how many promotions were decided after exactly {@code quartersAtLevel} quarters opened at
     * the level, and how many people currently sit at their level with that many quarters and no promotion.
     */
    public record TenureBucket(int quartersAtLevel, long promoted, long notPromoted) {
    }

    /**
     * One streak bucket: how many promotions were decided with a next-level streak of exactly {@code nextLevelStreak}
     * toward the promoted-to level, and how many people below the top of their track have that streak now.
     */
    public record StreakBucket(int nextLevelStreak, long promoted, long notPromoted) {
    }

    /** Promotions and current stints with {@code quartersAtLevel} quarters at level and that next-level streak. */
    public record TenureAndStreakBucket(int quartersAtLevel, int nextLevelStreak, long promoted, long notPromoted) {
    }
}
