package com.careerledger.api.people;

import org.springframework.lang.Nullable;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.directory.DirectoryEntry;

import java.util.UUID;

/** A person as the API shows them (contract: {@code GET /api/people/{personId}}). */
public record PersonView(
        UUID id,
        String name,
        String email,
        Discipline discipline,
        Track track,
        String level,
        String title,
        @Nullable UUID managerId,
        SustainedPerformancePolicy.Readiness readiness,
        long version) {

    public static PersonView of(DirectoryEntry entry, CareerFramework framework) {
        String title = framework.level(entry.level()).map(l -> titleOf(l, entry.discipline())).orElse(entry.level());
        return new PersonView(entry.personId(), entry.name(), entry.email(), entry.discipline(), entry.track(),
                entry.level(), title, entry.managerId(), entry.readiness(), entry.version());
    }

    private static String titleOf(Level level, Discipline discipline) {
        String title = level.title(discipline);
        return title == null ? level.code() : title;
    }
}
