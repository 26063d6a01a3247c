package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * An assessed quarter was opened again so its assessment can be amended; the assessment stands until then.
 *
 * @param reopenedBy           the authenticated principal who reopened (from metadata, never a request field)
 * @param previousAssessmentId the assessment the next one will amend
 */
@Revision("1")
public record QuarterReopened(UUID personId, YearQuarter quarter, String reason, String reopenedBy,
                              UUID previousAssessmentId) {
}
