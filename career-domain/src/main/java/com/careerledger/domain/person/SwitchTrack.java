package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.Track;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * @param targetLevel optional: which of several equivalent levels to switch to, where the table gives more than one
 *                    (M3 ~ IC5 and IC6) and the person's own history on that track does not settle it
 */
public record SwitchTrack(@TargetAggregateIdentifier UUID personId, UUID decisionId, Track targetTrack,
                          String rationale, LevelCode targetLevel) {

    public SwitchTrack(UUID personId, UUID decisionId, Track targetTrack, String rationale) {
        this(personId, decisionId, targetTrack, rationale, null);
    }
}
