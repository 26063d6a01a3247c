package com.careerledger.domain.person;

import java.util.Optional;
import java.util.UUID;

/**
 * Facts about people that one Person aggregate cannot know alone: whether an e-mail is taken, whether a person
 * exists, where they stand (who manages whom: {@link ReportingLines}). Implementations read state committed in the
 * same transaction as the events (never a lagging read model), and back uniqueness with a database constraint.
 */
public interface PersonRegistry {

    boolean isEmailTaken(String email);

    boolean exists(UUID personId);

    /** Where a person stands now: their track and level, as of the last committed event. */
    Optional<Standing> standing(UUID personId);

    /**
     * Where a person stood at an instant: the track and level in force then, or their first recorded standing when
     * the instant is before they were registered (history imported after the fact starts at the registered level).
     */
    Optional<Standing> standingAt(UUID personId, java.time.Instant at);

    record Standing(com.careerledger.domain.shared.Track track, String level) {
    }

    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
