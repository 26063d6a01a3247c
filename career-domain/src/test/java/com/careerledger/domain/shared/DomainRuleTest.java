package com.careerledger.domain.shared;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DomainRuleTest {

    /** A rule's id is its constant's name in kebab case: one name per rule, and no two rules under one id. */
    @Test
    void every_rule_is_named_once_in_kebab_case() {
        assertThat(DomainRule.values()).allSatisfy(rule ->
                assertThat(rule.id()).isEqualTo(rule.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        assertThat(Arrays.stream(DomainRule.values()).map(DomainRule::id)).doesNotHaveDuplicates();
    }

    @Test
    void a_violation_names_the_rule_that_refused() {
        DomainRuleViolation violation = new DomainRuleViolation(DomainRule.QUARTER_CLOSED, "quarter 2026-Q1 is closed");
        assertThat(violation.rule()).isEqualTo("quarter-closed");
        assertThat(violation.getMessage()).isEqualTo("quarter 2026-Q1 is closed");
    }
}
