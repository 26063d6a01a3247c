package com.careerledger.projections.audit;

import org.springframework.lang.Nullable;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.BasisChange;
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
     * @param basis           the quarters the decision rested on, oldest first, as they stood when it was decided
     * @param basisChanges    what became of those quarters since, in the order it happened: a quarter reopened
     *                        (its assessment withdrawn) or re-assessed; empty when nothing changed. The decision
     *                        itself stays as decided: decisions are history
     * @param basisStillHolds whether the decision would still hold on the record as it now stands: true while its
     *                        basis is unchanged, else as the latest change judged it
     */
    public record AuditedDecision(
            UUID decisionId,
            UUID personId,
            DecisionKind kind,
            String from,
            String to,
            @Nullable Track fromTrack,
            @Nullable String fromLevel,
            @Nullable Track toTrack,
            @Nullable String toLevel,
            @Nullable List<BasisQuarter> basis,
            @Nullable PromotionPolicy policy,
            FrameworkRef framework,
            String rationale,
            @Nullable PromotionOverride override,
            @Nullable List<QuarterOutcome> carriedOver,
            String decidedBy,
            Instant decidedAt,
            List<BasisQuarterChange> basisChanges,
            Boolean basisStillHolds) {

        /** The decision with what became of its basis: each basis quarter marked changed or not. */
        public AuditedDecision withBasisChanges(List<BasisQuarterChange> changes) {
            List<BasisQuarterChange> all = changes == null ? List.of() : List.copyOf(changes);
            List<BasisQuarter> marked = basis == null ? null : basis.stream()
                    .map(q -> q.marked(all.stream().anyMatch(c -> c.quarter().equals(q.quarter()))))
                    .toList();
            boolean holds = all.isEmpty() || all.get(all.size() - 1).stillHolds();
            return new AuditedDecision(decisionId, personId, kind, from, to, fromTrack, fromLevel, toTrack, toLevel,
                    marked, policy, framework, rationale, override, carriedOver, decidedBy, decidedAt, all, holds);
        }
    }

    /**
     * One quarter of a decision's basis: the outcome the decision names and the assessment behind it.
     * {@code assessedBy}, {@code assessedAt} and {@code rationale} are null when the audit never saw the
     * assessment (an outcome recorded without a quarter assessment).
     *
     * @param operatingLevel the level that counted toward the decision, on the person's track
     * @param evidence       the quarter's Win Log entries that were not retracted when the decision was made
     * @param mappedFrom     the level as assessed, when the quarter was assessed on the other track and
     *                       {@code operatingLevel} is its equivalent; null otherwise (and in decisions stored before
     *                       outcomes were marked as mapped)
     * @param assessed       how the outcome reads: "IC3", or "IC4 (mapped to M2)"; set when the audit answers
     * @param changed        whether the quarter was reopened or re-assessed after the decision (see the decision's
     *                       {@code basisChanges}); set when the audit answers
     */
    public record BasisQuarter(String quarter, String operatingLevel, UUID assessmentId, @Nullable String assessedBy,
                               @Nullable Instant assessedAt, @Nullable String rationale, List<BasisEvidence> evidence,
                               @Nullable String mappedFrom,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String assessed,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Boolean changed) {

        /** As the decision stored it: the outcome and its assessment, nothing said yet about what came after. */
        public BasisQuarter(String quarter, String operatingLevel, UUID assessmentId, String assessedBy,
                            Instant assessedAt, String rationale, List<BasisEvidence> evidence, String mappedFrom) {
            this(quarter, operatingLevel, assessmentId, assessedBy, assessedAt, rationale, evidence, mappedFrom, null,
                    null);
        }

        BasisQuarter marked(boolean changedSince) {
            String reads = new QuarterOutcome(YearQuarter.parse(quarter), new LevelCode(operatingLevel), assessmentId,
                    LevelCode.orNull(mappedFrom)).describe();
            return new BasisQuarter(quarter, operatingLevel, assessmentId, assessedBy, assessedAt, rationale, evidence,
                    mappedFrom, reads, changedSince);
        }
    }

    /**
     * What became of one basis quarter after the decision (a {@code DecisionBasisChanged}).
     *
     * @param change                 {@code WITHDRAWN}: the quarter was reopened, its assessment no longer stands;
     *                               {@code REASSESSED}: it was assessed again
     * @param previousOperatingLevel the level the decision's basis cites for the quarter
     * @param operatingLevel         the level now recorded for it; null while it is withdrawn
     * @param assessmentId           the assessment withdrawn, or the new one
     * @param stillHolds             whether every basis quarter still stood at the decision's level or above
     *                               after this change
     * @param changedBy              who reopened or re-assessed
     */
    public record BasisQuarterChange(String quarter, BasisChange change, String previousOperatingLevel,
                                     @Nullable String operatingLevel, UUID assessmentId, boolean stillHolds, String changedBy,
                                     Instant changedAt) {
    }

    public record BasisEvidence(UUID evidenceId, String title, String demonstratesLevel, Dimension dimension) {
    }
}
