package com.careerledger.domain.person;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The registry and reporting lines as the aggregate sees them, for fixture tests: people, their e-mails and managers. */
class InMemoryPersonRegistry implements PersonRegistry, ReportingLines {

    private final Map<UUID, String> emails = new HashMap<>();
    private final Map<UUID, UUID> managers = new HashMap<>();
    private final Map<UUID, Standing> standings = new HashMap<>();

    InMemoryPersonRegistry with(UUID personId, String email, UUID managerId) {
        emails.put(personId, PersonRegistry.normalizeEmail(email));
        if (managerId != null) {
            managers.put(personId, managerId);
        }
        return this;
    }

    InMemoryPersonRegistry standing(UUID personId, com.careerledger.domain.shared.Track track, String level) {
        standings.put(personId, new Standing(track, level));
        return this;
    }

    @Override
    public Optional<Standing> standing(UUID personId) {
        return Optional.ofNullable(standings.get(personId));
    }

    @Override
    public Optional<Standing> standingAt(UUID personId, java.time.Instant at) {
        return standing(personId);
    }

    @Override
    public boolean isEmailTaken(String email) {
        return emails.containsValue(PersonRegistry.normalizeEmail(email));
    }

    @Override
    public boolean exists(UUID personId) {
        return emails.containsKey(personId);
    }

    @Override
    public boolean manages(UUID manager, UUID person) {
        Set<UUID> seen = new HashSet<>();
        for (UUID above = managers.get(person); above != null && seen.add(above); above = managers.get(above)) {
            if (above.equals(manager)) {
                return !manager.equals(person);
            }
        }
        return false;
    }

    @Override
    public Set<UUID> below(UUID manager) {
        Set<UUID> below = new HashSet<>();
        managers.keySet().stream().filter(person -> manages(manager, person)).forEach(below::add);
        return below;
    }
}
