package com.careerledger.domain.person;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A quarter's assessed operating level joined the person's record. A later outcome for the same quarter (an
 * amended assessment) replaces the earlier one in the record; both stay in the history.
 *
 * @param levelHeld the person's level when the outcome was recorded
 */
@Revision("1")
public record QuarterOutcomeRecorded(UUID personId, String quarter, String operatingLevel, UUID assessmentId,
                                     String levelHeld) {
}
