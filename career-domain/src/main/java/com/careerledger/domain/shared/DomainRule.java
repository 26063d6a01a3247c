package com.careerledger.domain.shared;

/**
 * Every rule a command can be refused by, each under its stable, kebab-case {@link #id()}: clients rely on it
 * (the API answers a refusal as 409 problem+json of type {@code /problems/<id>}), so an id is never renamed. The
 * reasons behind the rules are told where they are checked, in the aggregates.
 */
public enum DomainRule {

    // --- people: Person ---
    EMAIL_ALREADY_REGISTERED("email-already-registered"),
    SELF_MANAGEMENT("self-management"),
    MANAGEMENT_CYCLE("management-cycle"),
    PROMOTION_ACROSS_TRACKS("promotion-across-tracks"),
    PROMOTION_NOT_ONE_STEP("promotion-not-one-step"),
    PROMOTION_NOT_SUSTAINED("promotion-not-sustained"),
    CORRECTION_ACROSS_TRACKS("correction-across-tracks"),
    LEVEL_UNCHANGED("level-unchanged"),
    ALREADY_ON_TRACK("already-on-track"),
    NO_EQUIVALENT_LEVEL("no-equivalent-level"),
    NOT_AN_EQUIVALENT_LEVEL("not-an-equivalent-level"),
    AMBIGUOUS_EQUIVALENT_LEVEL("ambiguous-equivalent-level"),

    // --- quarters: Quarter ---
    QUARTER_ALREADY_OPEN("quarter-already-open"),
    QUARTER_NOT_YET_OPEN("quarter-not-yet-open"),
    QUARTER_BEFORE_LEDGER("quarter-before-ledger"),
    QUARTER_CLOSED("quarter-closed"),
    QUARTER_NOT_STARTED("quarter-not-started"),
    QUARTER_NOT_ENDED("quarter-not-ended"),
    QUARTER_NOT_ASSESSED("quarter-not-assessed"),
    GOAL_EXISTS("goal-exists"),
    GOAL_LIMIT_REACHED("goal-limit-reached"),
    GOAL_DROPPED("goal-dropped"),
    PROGRESS_LIMIT_REACHED("progress-limit-reached"),
    EVIDENCE_EXISTS("evidence-exists"),
    EVIDENCE_LIMIT_REACHED("evidence-limit-reached"),
    EVIDENCE_RETRACTED("evidence-retracted"),
    FEEDBACK_EXISTS("feedback-exists"),
    FEEDBACK_LIMIT_REACHED("feedback-limit-reached"),
    ASSESSMENT_EXISTS("assessment-exists"),
    ASSESSMENT_NEEDS_EVIDENCE("assessment-needs-evidence");

    private final String id;

    DomainRule(String id) {
        this.id = id;
    }

    /** The rule's stable name, e.g. {@code quarter-closed}. */
    public String id() {
        return id;
    }
}
