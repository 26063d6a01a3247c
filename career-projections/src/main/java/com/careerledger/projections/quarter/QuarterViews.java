package com.careerledger.projections.quarter;

import org.springframework.lang.Nullable;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.GoalStatus;
import com.careerledger.domain.quarter.QuarterStatus;
import com.careerledger.domain.shared.Track;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the quarter read model answers with (contract: {@code GET /api/people/{personId}/quarters/{quarter}}). */
public final class QuarterViews {

    private QuarterViews() {
    }

    public record QuarterView(UUID personId, String quarter, QuarterStatus status, Track track, String levelHeld,
                              @Nullable String targetLevel, List<GoalView> goals, List<EvidenceView> evidence,
                              List<FeedbackView> feedback, @Nullable AssessmentView assessment, long version,
                              Instant openedAt) {
    }

    public record ProgressView(GoalStatus status, @Nullable String note, Instant at) {
    }

    public record GoalView(UUID goalId, String title, @Nullable String description, Dimension dimension,
                           String measure, @Nullable String targetLevel, boolean active, @Nullable String dropReason,
                           @Nullable ProgressView progress,
                           Instant setAt) {
    }

    /**
     * @param link  the first of {@code links} (the one link of the first contract version); null when there is none
     * @param links every link to the work, in the order given
     */
    public record EvidenceView(UUID evidenceId, String quarter, String title, @Nullable String description,
                               String impact, Dimension dimension, String demonstratesLevel, @Nullable UUID goalId,
                               @Nullable String link, java.util.List<String> links, LocalDate occurredOn,
                               boolean retracted, @Nullable String retractionReason, Instant loggedAt) {
    }

    public record FeedbackView(UUID feedbackId, FeedbackRelationship relationship, String text, @Nullable String signalsLevel,
                               String givenBy, Instant givenAt) {
    }

    public record AssessmentView(UUID assessmentId, String operatingLevel, boolean atNextLevel, String rationale,
                                 String assessedBy, Instant assessedAt, @Nullable UUID amendsAssessmentId) {
    }

    /** A quarter as listed: without its goals, evidence and feedback, with their counts. */
    public record QuarterSummary(UUID personId, String quarter, QuarterStatus status, String levelHeld,
                                 @Nullable String targetLevel, @Nullable String operatingLevel, int goals, int evidence, long version) {
    }
}
