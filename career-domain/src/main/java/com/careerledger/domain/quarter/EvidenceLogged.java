package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An entry was added to the Win Log.
 * <p>
 * Revision 2: a piece of evidence has links (a pull request, its design document, the dashboard that shows the
 * effect), where revision 1 had at most one {@code link}; {@code EvidenceLinksUpcaster} reads a stored revision 1 as
 * a list of that one link, or none.
 *
 * @param links the http(s) links to the work, in the order given; empty when there are none
 */
@Revision("2")
public record EvidenceLogged(UUID personId, YearQuarter quarter, UUID evidenceId, String title, String description,
                             String impact, Dimension dimension, LevelCode demonstratesLevel, UUID goalId,
                             List<String> links, LocalDate occurredOn) {

    public EvidenceLogged {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The first link, as revision 1 called it; null when there is none. */
    public String firstLink() {
        return links.isEmpty() ? null : links.get(0);
    }
}
