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
    private final Map<UUID, java.util.TreeMap<java.time.Instant, Standing>> history = new HashMap<>();

    KnownPeople at(UUID personId, Track track, String level) {
        return since(personId, java.time.Instant.EPOCH, track, level);
    }

    /** The person holds {@code level} from {@code from} on (a promotion or a switch at that instant). */
    KnownPeople since(UUID personId, java.time.Instant from, Track track, String level) {
        history.computeIfAbsent(personId, k -> new java.util.TreeMap<>()).put(from, new Standing(track, level));
        standings.put(personId, history.get(personId).lastEntry().getValue());
        return this;
    }

    @Override
    public Optional<Standing> standing(UUID personId) {
        return Optional.ofNullable(standings.get(personId));
    }

    @Override
    public Optional<Standing> standingAt(UUID personId, java.time.Instant at) {
        java.util.TreeMap<java.time.Instant, Standing> h = history.get(personId);
        if (h == null) {
            return Optional.empty();
        }
        Map.Entry<java.time.Instant, Standing> e = h.floorEntry(at);
        return Optional.of(e != null ? e.getValue() : h.firstEntry().getValue());
    }

    @Override
    public boolean exists(UUID personId) {
        return standings.containsKey(personId);
    }

    @Override
    public boolean isEmailTaken(String email) {
        return false;
    }
}
