package com.careerledger.api.security;

import com.careerledger.domain.person.ReportingLines;
import com.careerledger.domain.quarter.FeedbackRelationship;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.projections.support.EventStreams;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whose data a caller may see or change. ADMIN and COMMITTEE see everyone; an account linked to a person sees
 * that person, and a MANAGER also everyone below them in the reporting lines (direct and indirect). Reporting
 * lines are the domain's {@link ReportingLines}, answered from the write side's lookup, which is always current.
 * <p>
 * Someone the caller may not see answers 404, exactly like someone who does not exist: an id reveals nothing.
 * Someone the caller may see, but not change in this way, answers 403.
 * <p>
 * A request usually asks twice about one person (the visibility check before the body is read, then the
 * controller's own rule): whether the caller manages that person is asked of the reporting lines once per request,
 * and remembered for the rest of it.
 */
@Component
public class Access {

    private static final String MANAGED_IN_THIS_REQUEST = Access.class.getName() + ".managed";

    private final CurrentActor actor;
    private final ReportingLines lines;
    private final EventStreams streams;

    public Access(CurrentActor actor, ReportingLines lines, EventStreams streams) {
        this.actor = actor;
        this.lines = lines;
        this.streams = streams;
    }

    /** Reading a person's record, quarters and read models. */
    public void requireVisible(UUID personId) {
        if (!canSee(personId)) {
            throw hidden(personId);
        }
    }

    /**
     * Reading what a person has only once they are registered: visible to the caller, and {@linkplain #exists
     * registered}. Either refusal is the same 404.
     */
    public void requireExisting(UUID personId) {
        requireVisible(personId);
        if (!exists(personId)) {
            throw hidden(personId);
        }
    }

    /**
     * The API's one answer to "does this person exist?": their stream has events in the event store, which is
     * always current (a person is known as soon as the request registering them has returned) and is what
     * read-your-writes reads too, so a view is missing exactly when its person is.
     */
    public boolean exists(UUID personId) {
        return streams.lastSequence(personId.toString()) >= 0;
    }

    /** Goals, progress, evidence, retractions, opening quarters: the person, their managers, admins. */
    public void requireOwnWork(UUID personId) {
        CareerPrincipal p = principal();
        if (p.isAdmin() || isSelf(p, personId) || isManagerOf(p, personId)) {
            return;
        }
        throw refusal(p, personId, "only the person, their managers and admins change their goals and Win Log");
    }

    /**
     * Feedback: the relationship it is recorded under follows from who is calling, not from the request. The
     * person records SELF feedback, a manager in their line MANAGER feedback; a stated relationship that says
     * otherwise is refused. Peer and report feedback come through feedback requests, answered by the colleague
     * themself. An admin outside the line records feedback given elsewhere (an import) under the relationship
     * they state, which is then required.
     *
     * @return the relationship to record
     */
    public FeedbackRelationship feedbackRelationship(UUID personId, FeedbackRelationship stated) {
        CareerPrincipal p = principal();
        FeedbackRelationship caller = isSelf(p, personId) ? FeedbackRelationship.SELF
                : isManagerOf(p, personId) ? FeedbackRelationship.MANAGER : null;
        if (caller == null) {
            if (!p.isAdmin()) {
                throw refusal(p, personId, "feedback on a person is recorded by the person themself or by their "
                        + "managers; colleagues give theirs through feedback requests");
            }
            if (stated == null) {
                throw new InvalidCommandException("relationship",
                        "say whose feedback this is (MANAGER, PEER, REPORT or SELF): you are not in this person's line");
            }
            return stated;
        }
        if (stated != null && stated != caller) {
            throw new AccessDeniedException("feedback you record on this person is " + caller + " feedback, not "
                    + stated + "; " + FeedbackRelationship.PEER + " and " + FeedbackRelationship.REPORT
                    + " feedback come through feedback requests, answered by the colleague themself");
        }
        return caller;
    }

    /**
     * Assessing or reopening a quarter: the person's managers (never the person) and admins. The committee reads
     * and decides; it does not amend the assessments its decisions rest on.
     */
    public void requireAssessor(UUID personId) {
        CareerPrincipal p = principal();
        if (p.isAdmin() || (isManagerOf(p, personId) && !isSelf(p, personId))) {
            return;
        }
        throw refusal(p, personId, "quarters are assessed and reopened by the person's managers; the committee "
                + "reads assessments and decides on them, it does not change them");
    }

    /** Everyone the caller may see, or empty when the caller sees everyone. */
    public Optional<Set<UUID>> visiblePeople() {
        CareerPrincipal p = principal();
        if (seesEveryone(p)) {
            return Optional.empty();
        }
        Set<UUID> visible = new HashSet<>();
        if (p.personId() != null) {
            visible.add(p.personId());
            if (p.has(Role.MANAGER)) {
                visible.addAll(lines.below(p.personId()));
            }
        }
        return Optional.of(visible);
    }

    public boolean canSee(UUID personId) {
        CareerPrincipal p = principal();
        return seesEveryone(p) || isSelf(p, personId) || isManagerOf(p, personId);
    }

    public boolean seesEveryone() {
        return seesEveryone(principal());
    }

    private static boolean seesEveryone(CareerPrincipal p) {
        return p.isAdmin() || p.has(Role.COMMITTEE);
    }

    private static boolean isSelf(CareerPrincipal p, UUID personId) {
        return p.personId() != null && p.personId().equals(personId);
    }

    /** True when the caller manages the person, directly or through others; asked once per request and person. */
    private boolean isManagerOf(CareerPrincipal p, UUID personId) {
        if (!p.has(Role.MANAGER) || p.personId() == null || p.personId().equals(personId)) {
            return false;
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return lines.manages(p.personId(), personId);
        }
        @SuppressWarnings("unchecked")
        Map<Managed, Boolean> answers = (Map<Managed, Boolean>) request.getAttribute(MANAGED_IN_THIS_REQUEST,
                RequestAttributes.SCOPE_REQUEST);
        if (answers == null) {
            answers = new HashMap<>();
            request.setAttribute(MANAGED_IN_THIS_REQUEST, answers, RequestAttributes.SCOPE_REQUEST);
        }
        return answers.computeIfAbsent(new Managed(p.personId(), personId), m -> lines.manages(m.manager(), m.person()));
    }

    private record Managed(UUID manager, UUID person) {
    }

    private RuntimeException refusal(CareerPrincipal p, UUID personId, String why) {
        return seesEveryone(p) || isSelf(p, personId) || isManagerOf(p, personId)
                ? new AccessDeniedException(why)
                : hidden(personId);
    }

    private static NotFoundException hidden(UUID personId) {
        return new NotFoundException("person " + personId + " does not exist");
    }

    private CareerPrincipal principal() {
        return actor.principal().orElseThrow(() -> new AccessDeniedException("not authenticated"));
    }
}
