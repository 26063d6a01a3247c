package com.careerledger.api.decisions;

import org.springframework.lang.Nullable;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Track;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as the API shows it: promotions, corrections and demotions ({@code from}/{@code to}) and track
 * switches ({@code fromTrack}/{@code fromLevel}/{@code toTrack}/{@code toLevel}).
 */
public record DecisionView(
        UUID decisionId,
        UUID personId,
        DecisionKind kind,
        String from,
        String to,
        @Nullable Track fromTrack,
        @Nullable String fromLevel,
        @Nullable Track toTrack,
        @Nullable String toLevel,
        List<Outcome> basis,
        @Nullable PromotionPolicy policy,
        FrameworkRef framework,
        String rationale,
        @Nullable PromotionOverride override,
        @Nullable List<Outcome> carriedOver,
        String decidedBy,
        Instant decidedAt) {

    public static DecisionView of(LevelChanged e) {
        return new DecisionView(e.decisionId(), e.personId(), e.kind(), e.fromLevel().code(), e.toLevel().code(),
                null, null, null, null, outcomes(e.basis()), e.policy(), e.framework(), e.rationale(), e.override(), null, e.decidedBy(),
                e.decidedAt());
    }

    public static DecisionView of(TrackSwitched e) {
        String from = e.fromLevel().code();
        String to = e.toLevel().code();
        return new DecisionView(e.decisionId(), e.personId(), DecisionKind.TRACK_SWITCH, from, to, e.fromTrack(), from,
                e.toTrack(), to, List.of(), null, e.framework(), e.rationale(), null, outcomes(e.carriedOver()), e.decidedBy(), e.decidedAt());
    }

    /**
     * A quarter's outcome as the decision counts it ({@code operatingLevel}, on the person's track), with the level
     * it was assessed at when that was on the other track ({@code mappedFrom}), and how it reads: {@code assessed}
     * is "IC3", or "IC4 (mapped to M2)".
     */
    public record Outcome(String quarter, String operatingLevel, UUID assessmentId, @Nullable String mappedFrom,
                          String assessed) {
        static Outcome of(QuarterOutcome o) {
            return new Outcome(o.quarter().toString(), o.operatingLevel().code(), o.assessmentId(),
                    LevelCode.codeOf(o.mappedFrom()), o.describe());
        }
    }

    private static List<Outcome> outcomes(List<QuarterOutcome> outcomes) {
        return outcomes == null ? null : outcomes.stream().map(Outcome::of).toList();
    }
}
