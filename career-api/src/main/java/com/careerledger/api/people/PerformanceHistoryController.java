package com.careerledger.api.people;

import com.careerledger.api.security.Access;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.history.PerformanceHistory;
import com.careerledger.projections.history.PerformanceHistoryQueries;
import com.careerledger.projections.history.PerformanceHistoryQueries.Versioned;
import com.careerledger.projections.support.ReadYourWrites;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * A person's sustained-performance history: quarters, next-level streak and readiness (tenure shown, never used).
 * The read first waits until the history reflects every Person event stored when it began (read-your-writes for
 * the person: a promotion that has returned is shown); quarter events may lag a little. One query reads the
 * history together with the person's latest stored sequence number (unknown people: 404).
 */
@RestController
public class PerformanceHistoryController {

    private final Access access;

    private final PerformanceHistoryQueries history;
    private final ReadYourWrites readYourWrites;

    public PerformanceHistoryController(PerformanceHistoryQueries history, ReadYourWrites readYourWrites,
                                        Access access) {
        this.access = access;
        this.history = history;
        this.readYourWrites = readYourWrites;
    }

    /**
     * A person's sustained-performance history: their quarters, the streak at the next level and readiness for it.
     * Tenure is shown but never used in decisions. Reflects every write to the person that has returned; quarter
     * assessments may lag by about a second. The person, their managers, the committee and admins; anyone else gets
     * 404.
     */
    @GetMapping("/api/people/{personId}/performance-history")
    public PerformanceHistory performanceHistory(@PathVariable UUID personId) {
        access.requireVisible(personId);
        return readYourWrites.readWithStored(personId.toString(), () -> history.read(personId), Versioned::version)
                .map(Versioned::history)
                .orElseThrow(() -> new NotFoundException("person " + personId + " does not exist"));
    }
}
