package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import org.axonframework.serialization.Revision;

import java.util.UUID;

/** Someone joined the ladder at a level. Name and e-mail are personal data and stay in the payload. */
@Revision("1")
public record PersonRegistered(
        UUID personId,
        String name,
        String email,
        Discipline discipline,
        Track track,
        LevelCode level,
        UUID managerId) {
}
