package com.careerledger.domain.shared;

/**
 * A command refused by a rule of the domain ({@link DomainRule}); the message says what was wrong in words.
 */
public class DomainRuleViolation extends RuntimeException {

    private final DomainRule rule;

    public DomainRuleViolation(DomainRule rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The stable name of the rule that refused, e.g. {@code quarter-closed}: what clients rely on. */
    public String rule() {
        return rule.id();
    }
}
