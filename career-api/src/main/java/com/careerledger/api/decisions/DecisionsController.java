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

    /**
     * Promotes a person one step up their own track, when their sustained record at the target level allows it. Answers
     * 201 with the decision and its Location in the promotion audit; 409 names the refusing rule:
     * {@code promotion-not-sustained} (its detail names the quarters found and what is missing; an override with a
     * justification decides anyway, and is recorded), {@code promotion-not-one-step}, {@code promotion-across-tracks}.
     * COMMITTEE and ADMIN only.
     */
    @PostMapping("/promotions")
    public ResponseEntity<DecisionView> promote(@PathVariable UUID personId,
                                                @Valid @RequestBody DecisionRequests.PromotionRequest request) {
        PromotionOverride override = request.override() == null ? null
                : new PromotionOverride(request.override().justification());
        LevelChanged decision = commands.send(new PromotePerson(personId, ids.next(),
                LevelCode.of("targetLevel", request.targetLevel()), request.rationale(), override));
        return created(DecisionView.of(decision));
    }

    /**
     * Moves a person to the other track, their level and sustained record mapped through the equivalence table. Answers
     * 201 with the decision and its Location in the promotion audit; 409 {@code already-on-track},
     * {@code no-equivalent-level}, {@code not-an-equivalent-level}, or {@code ambiguous-equivalent-level} when the
     * table gives several levels and {@code targetLevel} does not choose one. COMMITTEE and ADMIN only.
     */
    @PostMapping("/track-switches")
    public ResponseEntity<DecisionView> switchTrack(@PathVariable UUID personId,
                                                    @Valid @RequestBody DecisionRequests.TrackSwitchRequest request) {
        TrackSwitched decision = commands.send(new SwitchTrack(personId, ids.next(), request.targetTrack(),
                request.rationale(), LevelCode.optional("targetLevel", request.targetLevel())));
        return created(DecisionView.of(decision));
    }

    /**
     * Corrects a person's recorded level on their own track, with a reason. A CORRECTION upwards, a DEMOTION downwards;
     * history is never rewritten. Answers 201 with the decision and its Location in the promotion audit; 409
     * {@code level-unchanged} or {@code correction-across-tracks}. ADMIN only.
     */
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
