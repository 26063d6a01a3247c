package com.careerledger.domain.person;

import com.careerledger.domain.shared.Track;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record SwitchTrack(@TargetAggregateIdentifier UUID personId, UUID decisionId, Track targetTrack,
                          String rationale) {
}
