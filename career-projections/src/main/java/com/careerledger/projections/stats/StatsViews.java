package com.careerledger.projections.stats;

import java.util.List;

/** What the statistics read model answers with (contract: {@code GET /api/stats}). */
public final class StatsViews {

    private StatsViews() {
    }

    public record OrgStats(List<LevelCount> levelDistribution, List<QuarterPromotions> promotionsPerQuarter,
                           List<TenureBucket> timeAtLevelVsPromotion, String note) {
    }

    /** How many people currently hold a level. */
    public record LevelCount(String track, String level, long count) {
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
}
