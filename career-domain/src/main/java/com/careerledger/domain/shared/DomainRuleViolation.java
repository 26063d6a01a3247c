package com.careerledger.domain.shared;

/**
 * A command refused by a rule of the domain. {@link #rule()} is a stable, kebab-case name that clients can
 * rely on (the API turns it into the problem {@code type}); the message says what was wrong in words.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String rule;

    public DomainRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
