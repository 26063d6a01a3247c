package com.careerledger.domain.person;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.framework.LevelCode;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * A quarter's assessed operating level joined the person's record. A later outcome for the same quarter (an
 * amended assessment) replaces the earlier one in the record; both stay in the history.
 *
 * @param operatingLevel the level that counts on the person's track
 * @param levelHeld      the level the person held in that quarter (events stored before 2026-11 carry the level
 *                       the person held when the outcome was recorded, which differs after a promotion)
 * @param mappedFrom     the level as assessed when the quarter was judged on the other track; else null
 */
@Revision("1")
public record QuarterOutcomeRecorded(UUID personId, YearQuarter quarter, LevelCode operatingLevel, UUID assessmentId,
                                     LevelCode levelHeld, LevelCode mappedFrom) {

    public QuarterOutcomeRecorded(UUID personId, YearQuarter quarter, LevelCode operatingLevel, UUID assessmentId,
                                  LevelCode levelHeld) {
        this(personId, quarter, operatingLevel, assessmentId, levelHeld, null);
    }

    public QuarterOutcome outcome() {
        return new QuarterOutcome(quarter, operatingLevel, assessmentId, mappedFrom);
    }
}
