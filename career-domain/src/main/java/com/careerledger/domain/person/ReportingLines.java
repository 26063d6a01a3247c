package com.careerledger.domain.person;

import java.util.Set;
import java.util.UUID;

/**
 * Who reports to whom, directly or through others, as committed with the events (never a lagging read model). The
 * Person aggregate keeps the lines free of cycles with it; the application decides with it whose records a manager
 * sees. One implementation answers both, from the write side's lookup of managers.
 * <p>
 * A line ends at its top. Should a cycle have been stored all the same (two assignments racing), every answer
 * still terminates: a person met twice is not walked again.
 */
public interface ReportingLines {

    /**
     * Whether {@code manager} is above {@code person}: their manager, their manager's manager, and so on up. Never
     * true of a person and themselves.
     */
    boolean manages(UUID manager, UUID person);

    /** Everyone below {@code manager}, directly or through others; never the manager themselves. */
    Set<UUID> below(UUID manager);
}
