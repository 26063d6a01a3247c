package com.careerledger.domain.person;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registry as the aggregate sees it, for fixture tests: people, their e-mails and managers. */
class InMemoryPersonRegistry implements PersonRegistry {

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
    public Optional<UUID> managerOf(UUID personId) {
        return Optional.ofNullable(managers.get(personId));
    }
}
