package com.careerledger.domain.person;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A quarter that an earlier decision rests on was reopened or re-assessed. The decision stays (decisions are
 * history); this says which basis quarter changed, when, by whom, and whether the decision would still hold on
 * the record as it now stands.
 *
 * @param previousOperatingLevel the level the decision's basis cites for the quarter
 * @param operatingLevel         the level now recorded for it; null while the quarter is withdrawn
 * @param stillHolds             true when every basis quarter still has a standing outcome at the decision's level
 *                               or above
 * @param changedBy              the authenticated principal who reopened or re-assessed (from metadata)
 */
@Revision("1")
public record DecisionBasisChanged(UUID personId, UUID decisionId, YearQuarter quarter, BasisChange change,
                                   LevelCode previousOperatingLevel, LevelCode operatingLevel, UUID assessmentId,
                                   boolean stillHolds, String changedBy, Instant changedAt) {
}
