package com.careerledger.domain.person;

import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;

class PersonRegistrationTest {

    private final UUID ada = UUID.randomUUID();
    private final UUID grace = UUID.randomUUID();
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
    void a_person_is_registered_at_a_level_of_their_track() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, " Ada Lovelace ", "ada@example.com", ENGINEERING, IC, level("IC2"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, IC, level("IC2"), null));
    }

    @Test
    void a_level_of_the_other_track_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "ada@example.com", ENGINEERING, IC, level("M1"), null))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("level M1 is not on the IC track")
                .expectNoEvents();
    }

    @Test
    void an_unknown_level_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "ada@example.com", ENGINEERING, MANAGER, level("M9"), null))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    @Test
    void an_email_already_registered_is_refused_whatever_its_case() {
        registry.with(grace, "grace@example.com", null);
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "GRACE@example.com", ENGINEERING, IC, level("IC2"), null))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_manager_who_does_not_exist_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "ada@example.com", ENGINEERING, IC, level("IC2"), grace))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void an_existing_manager_is_recorded() {
        registry.with(grace, "grace@example.com", null);
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "ada@example.com", ENGINEERING, IC, level("IC2"), grace))
                .expectEvents(new PersonRegistered(ada, "Ada", "ada@example.com", ENGINEERING, IC, level("IC2"), grace));
    }

    @Test
    void a_blank_name_or_a_malformed_email_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "  ", "ada@example.com", ENGINEERING, IC, level("IC2"), null))
                .expectException(InvalidCommandException.class);
        fixture.givenNoPriorActivity()
                .when(new RegisterPerson(ada, "Ada", "not-an-email", ENGINEERING, IC, level("IC2"), null))
                .expectException(InvalidCommandException.class);
    }
}
