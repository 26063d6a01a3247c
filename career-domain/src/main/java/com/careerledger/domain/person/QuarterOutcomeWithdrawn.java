package com.careerledger.domain.person;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A quarter's assessment was reopened and left the sustained record: until the quarter is assessed again it
 * counts toward nothing, readiness is judged without it, and no promotion may cite it.
 *
 * @param operatingLevel the level the withdrawn outcome had counted at
 * @param withdrawnBy    the authenticated principal who reopened the quarter (from metadata)
 */
@Revision("1")
public record QuarterOutcomeWithdrawn(UUID personId, YearQuarter quarter, UUID assessmentId, LevelCode operatingLevel,
                                      String reason, String withdrawnBy) {
}
