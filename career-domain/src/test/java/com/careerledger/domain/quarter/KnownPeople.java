package com.careerledger.domain.quarter;

import com.careerledger.domain.person.PersonRegistry;
import com.careerledger.domain.shared.Track;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registry as a quarter sees it, for fixture tests: who exists, and where they stand on the ladder. */
class KnownPeople implements PersonRegistry {

    private final Map<UUID, Standing> standings = new HashMap<>();

    KnownPeople at(UUID personId, Track track, String level) {
        standings.put(personId, new Standing(track, level));
        return this;
    }

    @Override
    public Optional<Standing> standing(UUID personId) {
        return Optional.ofNullable(standings.get(personId));
    }

    @Override
    public boolean exists(UUID personId) {
        return standings.containsKey(personId);
    }

    @Override
    public boolean isEmailTaken(String email) {
        return false;
    }

    @Override
    public Optional<UUID> managerOf(UUID personId) {
        return Optional.empty();
    }
}
