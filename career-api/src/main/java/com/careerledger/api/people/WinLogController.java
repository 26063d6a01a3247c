package com.careerledger.api.people;

import com.careerledger.domain.framework.Level;
import com.careerledger.api.security.Access;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.projections.quarter.QuarterQueries;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.support.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The Win Log: a person's evidence across quarters, newest first; retracted entries stay, marked. */
@RestController
public class WinLogController {

    private final Access access;

    private final QuarterQueries quarters;

    public WinLogController(QuarterQueries quarters, Access access) {
        this.access = access;
        this.quarters = quarters;
    }

    /**
     * A person's evidence across quarters, newest first, paged, filtered by dimension and by the level it demonstrates.
     * Retracted entries stay, marked. May lag writes by about a second. The person, their managers, the committee and
     * admins; anyone else, or an unknown person, gets 404.
     */
    @GetMapping("/api/people/{personId}/win-log")
    public Page<EvidenceView> winLog(@PathVariable UUID personId,
                                     @RequestParam(required = false) Dimension dimension,
                                     @RequestParam(required = false) @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String level,
                                     @RequestParam(defaultValue = "0") @Min(0) int page,
                                     @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        access.requireExisting(personId);
        return quarters.winLog(personId, dimension == null ? null : dimension.name(), level, page, size);
    }
}
