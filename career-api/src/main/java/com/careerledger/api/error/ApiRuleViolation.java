package com.careerledger.api.error;

/** A request refused by a rule of the API itself ({@link ApiRule}); the message says what was wrong in words. */
public class ApiRuleViolation extends RuntimeException {

    private final ApiRule rule;

    public ApiRuleViolation(ApiRule rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The stable name of the rule that refused, e.g. {@code username-taken}. */
    public String rule() {
        return rule.id();
    }
}
