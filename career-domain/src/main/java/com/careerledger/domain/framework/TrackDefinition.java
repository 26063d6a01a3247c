package com.careerledger.domain.framework;

import com.careerledger.domain.shared.Track;

public record TrackDefinition(Track code, String name) {
}
