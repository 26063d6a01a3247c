package com.careerledger.projections.directory;

import com.careerledger.domain.person.SustainedPerformancePolicy;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;

import java.time.Instant;
import java.util.UUID;

/** A row of the directory: one person as they stand now. */
public record DirectoryEntry(
        UUID personId,
        String name,
        String email,
        Discipline discipline,
        Track track,
        String level,
        UUID managerId,
        SustainedPerformancePolicy.Readiness readiness,
        long version,
        Instant registeredAt,
        Instant updatedAt) {
}
