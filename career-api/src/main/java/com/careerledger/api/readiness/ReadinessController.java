package com.careerledger.api.readiness;

import com.careerledger.domain.framework.Level;
import com.careerledger.api.security.Access;
import com.careerledger.api.people.PersonView;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.projections.directory.DirectoryFilter;
import com.careerledger.projections.directory.DirectoryQueries;
import com.careerledger.projections.support.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The readiness board: everyone whose sustained record makes them ready for the next level, by manager or level. */
@RestController
public class ReadinessController {

    private final Access access;

    private final DirectoryQueries directory;
    private final CareerFramework framework;

    public ReadinessController(DirectoryQueries directory, CareerFramework framework, Access access) {
        this.access = access;
        this.directory = directory;
        this.framework = framework;
    }

    /**
     * The readiness board: the people ready for their next level, by name, paged, filtered by direct manager and level.
     * ADMIN, COMMITTEE and MANAGER only; a manager sees themself and everyone below them. May lag writes by about a
     * second.
     */
    @GetMapping("/api/readiness")
    public Page<PersonView> ready(@RequestParam(required = false) UUID managerId,
                                  @RequestParam(required = false) @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String level,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return directory.search(new DirectoryFilter(null, level, managerId, "READY",
                        access.visiblePeople().orElse(null)), page, size)
                .map(e -> PersonView.of(e, framework));
    }
}
