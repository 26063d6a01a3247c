package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * Feedback about the person was recorded.
 *
 * @param givenBy the authenticated principal who sent it (from the command's metadata, never a request field)
 */
@Revision("1")
public record FeedbackRecorded(UUID personId, YearQuarter quarter, UUID feedbackId, FeedbackRelationship relationship,
                               String text, LevelCode signalsLevel, String givenBy) {
}
