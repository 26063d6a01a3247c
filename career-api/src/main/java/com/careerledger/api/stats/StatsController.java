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

    @GetMapping
    public OrgStats stats() {
        return stats.stats();
    }
}
