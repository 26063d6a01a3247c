package com.careerledger.api.decisions;

import com.careerledger.api.support.Commands;
import com.careerledger.api.support.NewIds;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.CorrectLevel;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PromotePerson;
import com.careerledger.domain.person.PromotionOverride;
import com.careerledger.domain.person.SwitchTrack;
import com.careerledger.domain.person.TrackSwitched;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.UUID;

/**
 * Decisions about a person's level and track. Each one is decided by the Person aggregate and answered
 * from the event it recorded; the decision's own page is {@code /api/promotions/{decisionId}}.
 */
@RestController
@RequestMapping("/api/people/{personId}")
public class DecisionsController {

    private final Commands commands;
    private final NewIds ids;

    public DecisionsController(Commands commands, NewIds ids) {
        this.commands = commands;
        this.ids = ids;
    }

    @PostMapping("/promotions")
    public ResponseEntity<DecisionView> promote(@PathVariable UUID personId,
                                                @Valid @RequestBody DecisionRequests.PromotionRequest request) {
        PromotionOverride override = request.override() == null ? null
                : new PromotionOverride(request.override().justification());
        LevelChanged decision = commands.send(new PromotePerson(personId, ids.next(),
                LevelCode.of("targetLevel", request.targetLevel()), request.rationale(), override));
        return created(DecisionView.of(decision));
    }

    @PostMapping("/track-switches")
    public ResponseEntity<DecisionView> switchTrack(@PathVariable UUID personId,
                                                    @Valid @RequestBody DecisionRequests.TrackSwitchRequest request) {
        TrackSwitched decision = commands.send(new SwitchTrack(personId, ids.next(), request.targetTrack(),
                request.rationale(), LevelCode.optional("targetLevel", request.targetLevel())));
        return created(DecisionView.of(decision));
    }

    @PostMapping("/level-corrections")
    public ResponseEntity<DecisionView> correct(@PathVariable UUID personId,
                                                @Valid @RequestBody DecisionRequests.LevelCorrectionRequest request) {
        LevelChanged decision = commands.send(new CorrectLevel(personId, ids.next(),
                LevelCode.of("level", request.level()), request.reason()));
        return created(DecisionView.of(decision));
    }

    private static ResponseEntity<DecisionView> created(DecisionView view) {
        URI location = UriComponentsBuilder.fromPath("/api/promotions/{id}").buildAndExpand(view.decisionId()).toUri();
        return ResponseEntity.created(location).body(view);
    }
}
