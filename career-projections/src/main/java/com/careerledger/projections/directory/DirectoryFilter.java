package com.careerledger.projections.directory;

import com.careerledger.domain.shared.Track;

import java.util.UUID;

/**
 * Optional filters of the directory; null means "any".
 *
 * @param within only these people (those the caller may see); null for everyone
 */
public record DirectoryFilter(Track track, String level, UUID managerId, String readiness, java.util.Collection<UUID> within) {

    public DirectoryFilter(Track track, String level, UUID managerId, String readiness) {
        this(track, level, managerId, readiness, null);
    }
}
