package com.careerledger.api.decisions;

import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.shared.Track;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as the API shows it: promotions, corrections and demotions ({@code from}/{@code to}) and track
 * switches ({@code fromTrack}/{@code fromLevel}/{@code toTrack}/{@code toLevel}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionView(
        UUID decisionId,
        UUID personId,
        DecisionKind kind,
        String from,
        String to,
        Track fromTrack,
        String fromLevel,
        Track toTrack,
        String toLevel,
        List<QuarterOutcome> basis,
        PromotionPolicy policy,
        FrameworkRef framework,
        String rationale,
        PromotionOverride override,
        List<QuarterOutcome> carriedOver,
        String decidedBy,
        Instant decidedAt) {

    public static DecisionView of(LevelChanged e) {
        return new DecisionView(e.decisionId(), e.personId(), e.kind(), e.fromLevel(), e.toLevel(), null, null, null,
                null, e.basis(), e.policy(), e.framework(), e.rationale(), e.override(), null, e.decidedBy(),
                e.decidedAt());
    }

    public static DecisionView of(TrackSwitched e) {
        return new DecisionView(e.decisionId(), e.personId(), DecisionKind.TRACK_SWITCH, e.fromLevel(), e.toLevel(),
                e.fromTrack(), e.fromLevel(), e.toTrack(), e.toLevel(), List.of(), null, e.framework(), e.rationale(),
                null, e.carriedOver(), e.decidedBy(), e.decidedAt());
    }
}
