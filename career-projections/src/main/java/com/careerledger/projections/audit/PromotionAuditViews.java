package com.careerledger.projections.audit;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.shared.Track;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the promotion audit answers with (contract: {@code GET /api/promotions}, {@code GET /api/promotions/{id}}).
 * The decision keeps the field names of the answer to the decision's {@code POST}, with a richer basis.
 */
public final class PromotionAuditViews {

    private PromotionAuditViews() {
    }

    /**
     * One decision: a promotion, correction or demotion ({@code from}/{@code to}, {@code basis}, {@code policy})
     * or a track switch ({@code fromTrack}/{@code fromLevel}/{@code toTrack}/{@code toLevel}, {@code carriedOver}).
     *
     * @param basis the quarters the decision rested on, oldest first, as they stood when it was decided
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditedDecision(
            UUID decisionId,
            UUID personId,
            DecisionKind kind,
            String from,
            String to,
            Track fromTrack,
            String fromLevel,
            Track toTrack,
            String toLevel,
            List<BasisQuarter> basis,
            PromotionPolicy policy,
            FrameworkRef framework,
            String rationale,
            PromotionOverride override,
            List<QuarterOutcome> carriedOver,
            String decidedBy,
            Instant decidedAt) {
    }

    /**
     * One quarter of a decision's basis: the outcome the decision names and the assessment behind it.
     * {@code assessedBy}, {@code assessedAt} and {@code rationale} are null when the audit never saw the
     * assessment (an outcome recorded without a quarter assessment).
     *
     * @param evidence the quarter's Win Log entries that were not retracted when the decision was made
     */
    public record BasisQuarter(String quarter, String operatingLevel, UUID assessmentId, String assessedBy,
                               Instant assessedAt, String rationale, List<BasisEvidence> evidence) {
    }

    public record BasisEvidence(UUID evidenceId, String title, String demonstratesLevel, String dimension) {
    }
}
