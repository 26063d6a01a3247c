package com.careerledger.api.people;

import com.careerledger.api.security.Access;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.timeline.TimelineEntry;
import com.careerledger.projections.timeline.TimelineQueries;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * A person's career timeline, oldest first. The timeline lags the writes a little (a streaming read model); a
 * person is known as soon as their registration is stored, so a new person's timeline may still be empty.
 */
@RestController
public class TimelineController {

    private final Access access;

    private final TimelineQueries timeline;

    public TimelineController(TimelineQueries timeline, Access access) {
        this.access = access;
        this.timeline = timeline;
    }

    /**
     * A person's career timeline, oldest first, paged. It lags writes by about a second, so a new person's may still be
     * empty. The person, their managers, the committee and admins; anyone else, or an unknown person, gets 404.
     */
    @GetMapping("/api/people/{personId}/timeline")
    public Page<TimelineEntry> timeline(@PathVariable UUID personId,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        access.requireExisting(personId);
        return timeline.page(personId, page, size);
    }
}
