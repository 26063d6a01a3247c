package com.careerledger.projections.directory;

import com.careerledger.domain.shared.Track;

import java.util.UUID;

/** Optional filters of the directory; null means "any". */
public record DirectoryFilter(Track track, String level, UUID managerId, String readiness) {
}
