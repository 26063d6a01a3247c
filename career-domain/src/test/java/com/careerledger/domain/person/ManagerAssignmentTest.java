package com.careerledger.domain.person;

import static com.careerledger.domain.CommandValues.level;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;

/** Reporting lines: the manager must exist, nobody manages themselves, and no chain loops back. */
class ManagerAssignmentTest {

    private final UUID ada = UUID.randomUUID();
    private final UUID grace = UUID.randomUUID();
    private final UUID linus = UUID.randomUUID();
    private InMemoryPersonRegistry registry;
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        registry = new InMemoryPersonRegistry();
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(registry);
    }

    @Test
    void a_manager_is_assigned() {
        registry.with(ada, "ada@example.com", null).with(grace, "grace@example.com", null);
        fixture.given(ada(null))
                .when(new AssignManager(ada, grace))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ManagerAssigned(ada, grace, null));
    }

    @Test
    void a_new_manager_replaces_the_previous_one_who_is_recorded() {
        registry.with(ada, "ada@example.com", grace).with(grace, "grace@example.com", null)
                .with(linus, "linus@example.com", null);
        fixture.given(ada(grace))
                .when(new AssignManager(ada, linus))
                .expectEvents(new ManagerAssigned(ada, linus, grace));
    }

    @Test
    void a_person_cannot_manage_themselves() {
        registry.with(ada, "ada@example.com", null);
        fixture.given(ada(null))
                .when(new AssignManager(ada, ada))
                .expectException(violationOf("self-management"))
                .expectNoEvents();
    }

    @Test
    void an_unknown_manager_is_refused() {
        registry.with(ada, "ada@example.com", null);
        fixture.given(ada(null))
                .when(new AssignManager(ada, grace))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void a_manager_chain_that_would_loop_is_refused() {
        // Ada manages Grace: Grace cannot become Ada's manager
        registry.with(ada, "ada@example.com", null).with(grace, "grace@example.com", ada);
        fixture.given(ada(null))
                .when(new AssignManager(ada, grace))
                .expectException(violationOf("management-cycle"))
                .expectNoEvents();
    }

    @Test
    void a_longer_manager_chain_that_would_loop_is_refused() {
        // Ada manages Grace, who manages Linus: Linus cannot become Ada's manager
        registry.with(ada, "ada@example.com", null)
                .with(grace, "grace@example.com", ada)
                .with(linus, "linus@example.com", grace);
        fixture.given(ada(null))
                .when(new AssignManager(ada, linus))
                .expectException(violationOf("management-cycle"))
                .expectNoEvents();
    }

    @Test
    void a_cycle_stored_above_the_new_manager_is_not_walked_forever() {
        // Grace and Linus manage each other (two assignments raced): Ada may still report to Grace
        registry.with(ada, "ada@example.com", null)
                .with(grace, "grace@example.com", linus)
                .with(linus, "linus@example.com", grace);
        fixture.given(ada(null))
                .when(new AssignManager(ada, grace))
                .expectEvents(new ManagerAssigned(ada, grace, null));
    }

    @Test
    void assigning_the_current_manager_again_records_nothing() {
        registry.with(ada, "ada@example.com", grace).with(grace, "grace@example.com", null);
        fixture.given(ada(grace))
                .when(new AssignManager(ada, grace))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private PersonRegistered ada(UUID managerId) {
        return new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, IC, level("IC3"), managerId);
    }

    private static Matcher<DomainRuleViolation> violationOf(String rule) {
        return new CustomTypeSafeMatcher<>("a DomainRuleViolation of rule " + rule) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return rule.equals(violation.rule());
            }
        };
    }
}
