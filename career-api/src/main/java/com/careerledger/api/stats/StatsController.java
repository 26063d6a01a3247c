package com.careerledger.api.stats;

import com.careerledger.projections.stats.StatsQueries;
import com.careerledger.projections.stats.StatsViews.OrgStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Organisation statistics: level distribution, promotions per quarter, time at level vs promotion. */
@RestController
@RequestMapping("/api/stats")
public class StatsController {

    private final StatsQueries stats;

    public StatsController(StatsQueries stats) {
        this.stats = stats;
    }

    /**
     * Organisation statistics: people per track and level, promotions per quarter, and promotion against time at level
     * and against the next-level streak. ADMIN and COMMITTEE only: the figures tell about people outside anyone's line.
     * May lag writes by about a second.
     */
    @GetMapping
    public OrgStats stats() {
        return stats.stats();
    }
}
