package com.careerledger.api.quarters;

import com.careerledger.api.security.Access;
import com.careerledger.api.quarters.QuarterRequests.AssessmentRequest;
import com.careerledger.api.quarters.QuarterRequests.EvidenceRequest;
import com.careerledger.api.quarters.QuarterRequests.FeedbackRequest;
import com.careerledger.api.quarters.QuarterRequests.GoalRequest;
import com.careerledger.api.quarters.QuarterRequests.OpenQuarterRequest;
import com.careerledger.api.quarters.QuarterRequests.ProgressRequest;
import com.careerledger.api.quarters.QuarterRequests.ReasonRequest;
import com.careerledger.api.support.Commands;
import com.careerledger.api.support.NewIds;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.quarter.AssessQuarter;
import com.careerledger.domain.quarter.DropGoal;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.LogEvidence;
import com.careerledger.domain.quarter.LoggedEvidence;
import com.careerledger.domain.quarter.OpenQuarter;
import com.careerledger.domain.quarter.QuarterId;
import com.careerledger.domain.quarter.RecordFeedback;
import com.careerledger.domain.quarter.RecordProgress;
import com.careerledger.domain.quarter.ReopenQuarter;
import com.careerledger.domain.quarter.RetractEvidence;
import com.careerledger.domain.quarter.ReviseGoal;
import com.careerledger.domain.quarter.SetGoal;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.projections.quarter.QuarterQueries;
import com.careerledger.projections.quarter.QuarterViews.EvidenceView;
import com.careerledger.projections.quarter.QuarterViews.FeedbackView;
import com.careerledger.projections.quarter.QuarterViews.GoalView;
import com.careerledger.projections.quarter.QuarterViews.QuarterSummary;
import com.careerledger.projections.quarter.QuarterViews.QuarterView;
import com.careerledger.projections.support.Page;
import com.careerledger.projections.support.ReadYourWrites;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;

/**
 * A person's quarters (write side: the Quarter aggregate; read side: the quarter read model). Ids of goals,
 * evidence, feedback and assessments are chosen here, so the aggregate's decisions are repeatable.
 */
@RestController
@RequestMapping("/api/people/{personId}/quarters")
public class QuartersController {

    private final Access access;

    private final Commands commands;
    private final QuarterQueries quarters;
    private final ReadYourWrites readYourWrites;
    private final NewIds ids;

    public QuartersController(Commands commands, QuarterQueries quarters, ReadYourWrites readYourWrites, Access access,
                              NewIds ids) {
        this.ids = ids;
        this.access = access;
        this.commands = commands;
        this.quarters = quarters;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Opens a quarter for a person, at the level they hold in it, aiming at the next level of their track. Answers 201
     * with Location and ETag; 409 names the refusing rule ({@code quarter-already-open}, {@code quarter-not-yet-open}:
     * at most the next quarter ahead, {@code quarter-before-ledger}). The person, their managers and admins; the
     * committee gets 403, anyone else 404.
     */
    @PostMapping
    public ResponseEntity<QuarterView> open(@PathVariable UUID personId, @Valid @RequestBody OpenQuarterRequest request) {
        access.requireOwnWork(personId);
        YearQuarter quarter = YearQuarter.parse(request.quarter());
        commands.send(new OpenQuarter(personId, quarter));
        QuarterView view = current(personId, quarter);
        return ResponseEntity.created(quarterUri(personId, quarter)).eTag(String.valueOf(view.version())).body(view);
    }

    /**
     * A person's quarters, newest first, paged; may lag writes by about a second. The person, their managers, the
     * committee and admins; anyone else, or an unknown person, gets 404.
     */
    @GetMapping
    public Page<QuarterSummary> listQuarters(@PathVariable UUID personId,
                                             @RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        access.requireExisting(personId);
        return quarters.list(personId, page, size);
    }

    /**
     * One quarter with its goals, evidence, feedback and assessment, and its version as ETag (for If-Match).
     * Read-your-writes: a write to the quarter that has returned is shown. The person, their managers, the committee
     * and admins; anyone else gets 404, as does a quarter not opened.
     */
    @GetMapping("/{quarter}")
    public ResponseEntity<QuarterView> getQuarter(@PathVariable UUID personId, @PathVariable String quarter) {
        access.requireVisible(personId);
        QuarterView view = current(personId, YearQuarter.parse(quarter));
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }

    /**
     * Sets a goal in an open quarter; answers 201 with Location and the goal. At most 3 active goals
     * ({@code goal-limit-reached}); an assessed quarter refuses with {@code quarter-closed}. The person, their managers
     * and admins; the committee gets 403, anyone else 404.
     */
    @PostMapping("/{quarter}/goals")
    public ResponseEntity<GoalView> setGoal(@PathVariable UUID personId, @PathVariable String quarter,
                                            @Valid @RequestBody GoalRequest request) {
        access.requireOwnWork(personId);
        YearQuarter q = YearQuarter.parse(quarter);
        UUID goalId = ids.next();
        commands.send(new SetGoal(personId, q, goalId, request.title(), request.description(), request.dimension(),
                request.measure()));
        return ResponseEntity.created(URI.create(quarterUri(personId, q) + "/goals/" + goalId))
                .body(goal(personId, q, goalId));
    }

    /**
     * Rewords a goal while its quarter is open; the earlier wording stays in the history. 409 {@code quarter-closed} or
     * {@code goal-dropped}. The person, their managers and admins; the committee gets 403, anyone else 404.
     */
    @PutMapping("/{quarter}/goals/{goalId}")
    public GoalView reviseGoal(@PathVariable UUID personId, @PathVariable String quarter, @PathVariable UUID goalId,
                               @Valid @RequestBody GoalRequest request) {
        access.requireOwnWork(personId);
        YearQuarter q = YearQuarter.parse(quarter);
        commands.send(new ReviseGoal(personId, q, goalId, request.title(), request.description(), request.dimension(),
                request.measure()));
        return goal(personId, q, goalId);
    }

    /**
     * Drops a goal with a reason: it stays in the history and frees its place among the 3. 409 {@code quarter-closed}
     * or {@code goal-dropped}. The person, their managers and admins; the committee gets 403, anyone else 404.
     */
    @PostMapping("/{quarter}/goals/{goalId}/drop")
    public GoalView dropGoal(@PathVariable UUID personId, @PathVariable String quarter, @PathVariable UUID goalId,
                             @Valid @RequestBody ReasonRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireOwnWork(personId);
        commands.send(new DropGoal(personId, q, goalId, request.reason()));
        return goal(personId, q, goalId);
    }

    /**
     * Records progress on a goal of an open quarter (a status and a note); answers the goal. 409
     * {@code quarter-closed}, {@code goal-dropped} or {@code progress-limit-reached} (100 notes a goal). The person,
     * their managers and admins; the committee gets 403, anyone else 404.
     */
    @PostMapping("/{quarter}/goals/{goalId}/progress")
    public GoalView progress(@PathVariable UUID personId, @PathVariable String quarter, @PathVariable UUID goalId,
                             @Valid @RequestBody ProgressRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireOwnWork(personId);
        commands.send(new RecordProgress(personId, q, goalId, request.status(), request.note()));
        return goal(personId, q, goalId);
    }

    /**
     * Logs a piece of evidence in an open quarter's Win Log. Answers 201 with Location and the entry as stored (with
     * the instant it was logged), exactly as the Win Log will show it, without waiting on a read model.
     * {@code occurredOn} lies within the quarter and not in the future (400 otherwise); 409 {@code quarter-closed} or
     * {@code evidence-limit-reached} (100 a quarter). The person, their managers and admins; the committee gets 403,
     * anyone else 404.
     */
    @PostMapping("/{quarter}/evidence")
    public ResponseEntity<EvidenceView> logEvidence(@PathVariable UUID personId, @PathVariable String quarter,
                                                    @Valid @RequestBody EvidenceRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireOwnWork(personId);
        LoggedEvidence stored = commands.send(new LogEvidence(personId, q, ids.next(), request.title(),
                request.description(), request.impact(), request.dimension(),
                LevelCode.of("demonstratesLevel", request.demonstratesLevel()),
                request.goalId(), request.allLinks(), request.occurredOn()));
        EvidenceLogged e = stored.evidence();
        EvidenceView view = new EvidenceView(e.evidenceId(), e.quarter().toString(), e.title(), e.description(),
                e.impact(), e.dimension(), e.demonstratesLevel().code(), e.goalId(), e.firstLink(), e.links(), e.occurredOn(),
                false, null, stored.loggedAt());
        return ResponseEntity.created(URI.create(quarterUri(personId, q) + "/evidence/" + e.evidenceId())).body(view);
    }

    /**
     * Retracts a piece of evidence with a reason. It stays in the Win Log, marked, but no longer supports an
     * assessment. 409 {@code quarter-closed} or {@code evidence-retracted}. The person, their managers and admins; the
     * committee gets 403, anyone else 404.
     */
    @PostMapping("/{quarter}/evidence/{evidenceId}/retraction")
    public EvidenceView retract(@PathVariable UUID personId, @PathVariable String quarter, @PathVariable UUID evidenceId,
                                @Valid @RequestBody ReasonRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireOwnWork(personId);
        commands.send(new RetractEvidence(personId, q, evidenceId, request.reason()));
        return part(personId, q, v -> v.evidence().stream().filter(e -> e.evidenceId().equals(evidenceId)).findFirst()
                .orElseThrow(() -> new NotFoundException("evidence " + evidenceId + " not found")));
    }

    /**
     * Records feedback on a quarter, also after its assessment; answers 201 with Location and the feedback. Its
     * relationship follows from the caller: the person records SELF feedback, their managers MANAGER feedback (a
     * different stated relationship gets 403); an admin outside the line must state it. The committee gets 403, anyone
     * else 404.
     */
    @PostMapping("/{quarter}/feedback")
    public ResponseEntity<FeedbackView> feedback(@PathVariable UUID personId, @PathVariable String quarter,
                                                 @Valid @RequestBody FeedbackRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        FeedbackRelationship relationship = access.feedbackRelationship(personId, request.relationship());
        UUID feedbackId = ids.next();
        commands.send(new RecordFeedback(personId, q, feedbackId, relationship, request.text(),
                LevelCode.optional("signalsLevel", request.signalsLevel())));
        FeedbackView view = part(personId, q, v -> v.feedback().stream().filter(f -> f.feedbackId().equals(feedbackId))
                .findFirst().orElseThrow(() -> new NotFoundException("feedback " + feedbackId + " not found")));
        return ResponseEntity.created(URI.create(quarterUri(personId, q) + "/feedback/" + feedbackId)).body(view);
    }

    /**
     * Assesses a quarter at the level the person operated at, and closes it: it becomes ASSESSED. Answers 201 with
     * Location and the quarter with its ETag; by then the outcome is in the person's sustained record too (recorded in
     * the same transaction), so a promotion request sees it. 409 names the refusing rule: {@code quarter-not-started},
     * {@code quarter-not-ended} (a quarter is assessed in its closing weeks), {@code quarter-closed} (already
     * assessed), {@code assessment-needs-evidence} (a next-level finding needs standing evidence of the next level or
     * above). The person's managers (never the person) and admins; the person and the committee get 403, anyone else
     * 404.
     */
    @PostMapping("/{quarter}/assessment")
    public ResponseEntity<QuarterView> assess(@PathVariable UUID personId, @PathVariable String quarter,
                                              @Valid @RequestBody AssessmentRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireAssessor(personId);
        commands.send(new AssessQuarter(personId, q, ids.next(),
                LevelCode.of("operatingLevel", request.operatingLevel()), request.rationale()));
        QuarterView view = current(personId, q);
        return ResponseEntity.created(quarterUri(personId, q)).eTag(String.valueOf(view.version())).body(view);
    }

    /**
     * Reopens an assessed quarter with a reason, to amend its assessment. The old one stays in the history, and the
     * person's record drops it until the quarter is assessed again. Answers the quarter with its ETag; 409
     * {@code quarter-not-assessed}. The person's managers (never the person) and admins; the person and the committee
     * get 403, anyone else 404.
     */
    @PostMapping("/{quarter}/reopen")
    public ResponseEntity<QuarterView> reopen(@PathVariable UUID personId, @PathVariable String quarter,
                                              @Valid @RequestBody ReasonRequest request) {
        YearQuarter q = YearQuarter.parse(quarter);
        access.requireAssessor(personId);
        commands.send(new ReopenQuarter(personId, q, request.reason()));
        QuarterView view = current(personId, q);
        return ResponseEntity.ok().eTag(String.valueOf(view.version())).body(view);
    }

    private GoalView goal(UUID personId, YearQuarter quarter, UUID goalId) {
        return part(personId, quarter, v -> v.goals().stream().filter(g -> g.goalId().equals(goalId)).findFirst()
                .orElseThrow(() -> new NotFoundException("goal " + goalId + " not found")));
    }

    private <T> T part(UUID personId, YearQuarter quarter, Function<QuarterView, T> pick) {
        return pick.apply(current(personId, quarter));
    }

    private QuarterView current(UUID personId, YearQuarter quarter) {
        return readYourWrites.read(QuarterId.of(personId, quarter), () -> quarters.find(personId, quarter.toString()),
                        QuarterView::version)
                .orElseThrow(() -> new NotFoundException("quarter " + quarter + " of person " + personId + " does not exist"));
    }

    private static URI quarterUri(UUID personId, YearQuarter quarter) {
        return UriComponentsBuilder.fromPath("/api/people/{id}/quarters/{quarter}").buildAndExpand(personId, quarter).toUri();
    }
}
