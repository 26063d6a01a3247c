package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision changed a person's level: a promotion, a correction or a demotion. Everything needed to judge
 * it later is inside: the quarters it rested on, the policy and framework in force, who decided and why.
 *
 * @param basis     the assessed quarters the decision rested on (empty for corrections)
 * @param override  set when a promotion was decided against the sustained-performance rule
 * @param decidedBy the authenticated principal who decided (from the command's metadata, never a request field)
 */
@Revision("1")
public record LevelChanged(
        UUID personId,
        UUID decisionId,
        DecisionKind kind,
        LevelCode fromLevel,
        LevelCode toLevel,
        List<QuarterOutcome> basis,
        PromotionPolicy policy,
        FrameworkRef framework,
        String rationale,
        PromotionOverride override,
        String decidedBy,
        Instant decidedAt) {
}
