package com.careerledger.projections.quarter;

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
                              String targetLevel, List<GoalView> goals, List<EvidenceView> evidence,
                              List<FeedbackView> feedback, AssessmentView assessment, long version,
                              Instant openedAt) {
    }

    public record ProgressView(GoalStatus status, String note, Instant at) {
    }

    public record GoalView(UUID goalId, String title, String description, Dimension dimension, String measure,
                           String targetLevel, boolean active, String dropReason, ProgressView progress,
                           Instant setAt) {
    }

    /**
     * @param link  the first of {@code links} (the one link of the first contract version); null when there is none
     * @param links every link to the work, in the order given
     */
    public record EvidenceView(UUID evidenceId, String quarter, String title, String description, String impact,
                               Dimension dimension, String demonstratesLevel, UUID goalId, String link,
                               java.util.List<String> links, LocalDate occurredOn, boolean retracted,
                               String retractionReason, Instant loggedAt) {
    }

    public record FeedbackView(UUID feedbackId, FeedbackRelationship relationship, String text, String signalsLevel,
                               String givenBy, Instant givenAt) {
    }

    public record AssessmentView(UUID assessmentId, String operatingLevel, boolean atNextLevel, String rationale,
                                 String assessedBy, Instant assessedAt, UUID amendsAssessmentId) {
    }

    /** A quarter as listed: without its goals, evidence and feedback, with their counts. */
    public record QuarterSummary(UUID personId, String quarter, QuarterStatus status, String levelHeld, String targetLevel,
                                 String operatingLevel, int goals, int evidence, long version) {
    }
}
