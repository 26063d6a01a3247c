package com.careerledger.projections;

import com.careerledger.projections.audit.PromotionAuditProjection;
import com.careerledger.projections.directory.DirectoryProjection;
import com.careerledger.projections.history.PerformanceHistoryProjection;
import com.careerledger.projections.quarter.QuarterProjection;
import com.careerledger.projections.stats.StatsProjection;
import com.careerledger.projections.timeline.TimelineProjection;

import java.util.List;

/**
 * The read models REST clients read, and the one tracking processor that feeds them all: one reading of the event
 * stream, one transaction and one token update per batch, whatever the number of read models (docs/decisions/0006).
 * Each read model keeps its own processing group (its handlers, its name in the admin API), and is rebuilt on its own
 * (docs/decisions/0013).
 */
public final class ReadModelGroups {

    /** The tracking processor every read model runs in. */
    public static final String PROCESSOR = "read-models";

    /** The read models' processing groups, in the order the admin API lists them. */
    public static final List<String> GROUPS = List.of(
            DirectoryProjection.PROCESSING_GROUP,
            PerformanceHistoryProjection.PROCESSING_GROUP,
            PromotionAuditProjection.PROCESSING_GROUP,
            QuarterProjection.PROCESSING_GROUP,
            StatsProjection.PROCESSING_GROUP,
            TimelineProjection.PROCESSING_GROUP);

    private ReadModelGroups() {
    }

    /** The processor a processing group runs in: the shared one for read models, its own for any other. */
    public static String processorOf(String processingGroup) {
        return GROUPS.contains(processingGroup) ? PROCESSOR : processingGroup;
    }
}
