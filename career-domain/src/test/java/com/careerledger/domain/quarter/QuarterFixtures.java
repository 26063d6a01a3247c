package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.MetaDataKeys;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** What every quarter story needs: a fixture with the shipped ladder and the known people, and ways to say who acts. */
final class QuarterFixtures {

    static final String MANAGER_1 = "manager-1";

    private QuarterFixtures() {
    }

    static AggregateTestFixture<Quarter> fixture(KnownPeople people) {
        AggregateTestFixture<Quarter> fixture = new AggregateTestFixture<>(Quarter.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(people);
        fixture.registerInjectableResource(QuarterCalendar.DEFAULT);
        return fixture;
    }

    /** The metadata the API adds to every command: the authenticated sender. */
    static MetaData by(String actor) {
        return MetaData.with(MetaDataKeys.ACTOR, actor);
    }

    /** A refusal by the named domain rule (the problem type clients see). */
    static Matcher<Object> violates(String rule) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof DomainRuleViolation v && rule.equals(v.rule());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation of rule ").appendValue(rule);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description mismatch) {
                mismatch.appendText("was ").appendValue(item);
                if (item instanceof DomainRuleViolation v) {
                    mismatch.appendText(" of rule ").appendValue(v.rule());
                }
            }
        };
    }

    /** A command refused as malformed, naming the field at fault (the API's validation error). */
    static Matcher<Object> invalid(String field) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof InvalidCommandException e && field.equals(e.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an InvalidCommandException on field ").appendValue(field);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description mismatch) {
                mismatch.appendText("was ").appendValue(item);
                if (item instanceof InvalidCommandException e) {
                    mismatch.appendText(" on field ").appendValue(e.field());
                }
            }
        };
    }
}
