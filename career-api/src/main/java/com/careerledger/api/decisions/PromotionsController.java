package com.careerledger.api.decisions;

import com.careerledger.api.security.Access;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.audit.PromotionAuditQueries;
import com.careerledger.projections.audit.PromotionAuditViews.AuditedDecision;
import com.careerledger.projections.support.Page;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The promotion audit: every level change and track switch with its full basis. The read model lags the
 * decisions by up to about a second (the contract allows it); a decision's own answer is its {@code POST}.
 */
@RestController
@RequestMapping("/api/promotions")
public class PromotionsController {

    private final Access access;

    private final PromotionAuditQueries audit;

    public PromotionsController(PromotionAuditQueries audit, Access access) {
        this.access = access;
        this.audit = audit;
    }

    /**
     * The promotion audit: decisions, newest first, paged, by person and by {@code decidedAt} ({@code from} inclusive,
     * {@code to} exclusive). It may lag a decision by about a second. The committee and admins see every decision,
     * anyone else those of the people they may see (themself, and a manager everyone below them); a {@code personId}
     * the caller may not see gets 404.
     */
    @GetMapping
    public Page<AuditedDecision> listDecisions(@RequestParam(required = false) UUID personId,
                                               @RequestParam(required = false) Instant from,
                                               @RequestParam(required = false) Instant to,
                                               @RequestParam(defaultValue = "0") @Min(0) int page,
                                               @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (personId != null) {
            access.requireVisible(personId);
        }
        // outside the committee, the decisions of the people the caller may see: their own, and their line's
        Optional<Set<UUID>> visible = personId == null ? access.visiblePeople() : Optional.empty();
        if (visible.isPresent()) {
            return audit.search(visible.get(), from, to, page, size);
        }
        return audit.search(personId, from, to, page, size);
    }

    /**
     * One decision (promotion, correction, demotion or track switch) with its full basis. Readable by whoever may see
     * its person (the person, their managers, the committee and admins); anyone else gets 404, as for a decision that
     * does not exist. May lag the decision by about a second.
     */
    @GetMapping("/{decisionId}")
    public AuditedDecision getDecision(@PathVariable UUID decisionId) {
        AuditedDecision decision = audit.find(decisionId)
                .orElseThrow(() -> new NotFoundException("decision " + decisionId + " does not exist"));
        if (!access.canSee(decision.personId())) {
            throw new NotFoundException("decision " + decisionId + " does not exist");
        }
        return decision;
    }
}
