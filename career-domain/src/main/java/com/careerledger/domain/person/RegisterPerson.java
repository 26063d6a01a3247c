package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RegisterPerson(
        @TargetAggregateIdentifier UUID personId,
        String name,
        String email,
        Discipline discipline,
        Track track,
        LevelCode level,
        UUID managerId) {
}
