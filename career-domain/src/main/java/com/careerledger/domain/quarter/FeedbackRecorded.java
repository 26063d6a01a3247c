package com.careerledger.domain.quarter;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * Feedback about the person was recorded.
 *
 * @param givenBy the authenticated principal who sent it (from the command's metadata, never a request field)
 */
@Revision("1")
public record FeedbackRecorded(UUID personId, String quarter, UUID feedbackId, FeedbackRelationship relationship,
                               String text, String signalsLevel, String givenBy) {
}
