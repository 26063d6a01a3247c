package com.careerledger.api.framework;

import com.careerledger.domain.shared.Track;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Equivalence;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.framework.TrackDefinition;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.NotFoundException;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The career framework in force: reference data, read-only. */
@RestController
@RequestMapping("/api/framework")
public class FrameworkController {

    public record ScopeView(String given, String figureOut) {
    }

    public record LevelView(String code, Track track, int order, Map<Discipline, String> titles, String coreQuestion,
                            String primaryFocus, String summary, ScopeView scope, String collaboration,
                            String mentorship, String ownership, List<String> whatYouDo,
                            List<String> successLooksLike, List<String> pathToNext, String exampleGoal) {
        static LevelView of(Level l) {
            return new LevelView(l.code(), l.track(), l.order(), l.titles(), l.coreQuestion(), l.primaryFocus(),
                    l.summary(), new ScopeView(l.scope().given(), l.scope().figureOut()), l.collaboration(),
                    l.mentorship(), l.ownership(), l.whatYouDo(), l.successLooksLike(), l.pathToNext(), l.exampleGoal());
        }
    }

    public record PolicyView(int requiredQuarters) {
    }

    public record FrameworkView(String id, int version, String hash, String name, String description,
                                List<TrackDefinition> tracks, List<Discipline> disciplines, List<LevelView> levels,
                                List<Equivalence> equivalences, PolicyView policy) {
    }

    private final CareerFramework framework;

    public FrameworkController(CareerFramework framework) {
        this.framework = framework;
    }

    /**
     * The career framework in force: tracks, levels, equivalences and promotion policy. Levels carry their
     * expectations; the policy says how many sustained quarters a promotion needs. Any authenticated caller.
     */
    @GetMapping
    public FrameworkView framework() {
        return new FrameworkView(framework.id(), framework.version(), framework.hash(), framework.name(),
                framework.description(), framework.tracks(), framework.disciplines(),
                framework.levels().stream().map(LevelView::of).toList(), framework.equivalences(),
                new PolicyView(framework.policy().requiredQuarters()));
    }

    /**
     * One level of the framework, by its code (as {@code IC3} or {@code M1}). 404 when the framework has no such level.
     * Any authenticated caller.
     */
    @GetMapping("/levels/{code}")
    public LevelView level(@PathVariable @Pattern(regexp = Level.CODE_PATTERN, message = Level.CODE_MESSAGE) String code) {
        return framework.level(code).map(LevelView::of)
                .orElseThrow(() -> new NotFoundException("no level " + code + " in framework " + framework.id()));
    }
}
