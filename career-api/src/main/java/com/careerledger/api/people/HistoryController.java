package com.careerledger.api.people;

import com.careerledger.api.security.Access;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.asof.CareerAsOf;
import com.careerledger.projections.asof.PersonEventStreams;
import com.careerledger.projections.support.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/** A career as it stood at any instant, and the raw events it is made of: both straight from the event store. */
@RestController
@RequestMapping("/api/people/{personId}")
public class HistoryController {

    private final Access access;

    private final PersonEventStreams streams;
    private final CareerFramework framework;

    public HistoryController(PersonEventStreams streams, CareerFramework framework, Access access) {
        this.access = access;
        this.streams = streams;
        this.framework = framework;
    }

    /**
     * A person as they stood at an instant ({@code asOf}; without it, now). Level, track, manager, quarters and their
     * assessments, rebuilt from the event store, so never behind. The person, their managers, the committee and admins;
     * anyone else gets 404, as does a person not yet registered at that instant.
     */
    @GetMapping("/history")
    public CareerAsOf.PersonAsOf history(@PathVariable UUID personId,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
        access.requireVisible(personId);
        Instant instant = asOf == null ? Instant.now() : asOf;
        CareerAsOf career = new CareerAsOf(personId, instant).applyAll(streams.events(personId));
        if (!career.existed()) {
            throw new NotFoundException("person " + personId + " was not registered at " + instant);
        }
        return career.view(framework);
    }

    /**
     * The raw events of a person's career, oldest first, paged, straight from the event store. These are the person's
     * own events and those of their quarters. The person, their managers, the committee and admins; anyone else, or an
     * unknown person, gets 404.
     */
    @GetMapping("/events")
    public Page<PersonEventStreams.StoredEvent> events(@PathVariable UUID personId,
                                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                                       @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        access.requireExisting(personId);
        return new Page<>(streams.stored(personId, page, size), page, size, streams.count(personId));
    }
}
