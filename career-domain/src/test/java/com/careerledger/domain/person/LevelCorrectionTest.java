package com.careerledger.domain.person;

import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.MetaDataKeys;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.person.DecisionKind.CORRECTION;
import static com.careerledger.domain.person.DecisionKind.DEMOTION;
import static com.careerledger.domain.person.DecisionKind.PROMOTION;
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;

/** A wrong level is fixed by appending a decision (CORRECTION upwards, DEMOTION downwards): history stays as it was. */
class LevelCorrectionTest {

    private static final Instant NOW = Instant.parse("2026-07-15T09:30:00Z");
    private static final MetaData BY_PEOPLE_OPS = MetaData.with(MetaDataKeys.ACTOR, "people-ops-1");
    private static final String REASON = "Registered at the wrong level: the signed offer says IC3";

    private final UUID ada = UUID.randomUUID();
    private final UUID decision = UUID.randomUUID();
    private final UUID q1 = UUID.randomUUID();
    private final UUID q2 = UUID.randomUUID();
    private final UUID q3 = UUID.randomUUID();
    private final UUID q4 = UUID.randomUUID();
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(new InMemoryPersonRegistry());
    }

    @Test
    void a_correction_appends_and_never_rewrites() {
        Object[] history = {
                registeredAt("IC2"),
                assessed("2026-Q1", "IC3", q1, "IC2"),
                assessed("2026-Q2", "IC3", q2, "IC2")};
        LevelChanged corrected = new LevelChanged(ada, decision, CORRECTION, level("IC2"), level("IC3"), List.of(),
                new PromotionPolicy(2), ShippedFramework.get().ref(), REASON, null, "people-ops-1", NOW);

        // exactly one new event; the registration and the recorded quarters are neither re-emitted nor changed
        fixture.givenCurrentTime(NOW)
                .andGiven(history)
                .when(new CorrectLevel(ada, decision, level("IC3"), REASON), BY_PEOPLE_OPS)
                .expectSuccessfulHandlerExecution()
                .expectEvents(corrected)
                .expectResultMessagePayload(corrected);

        // what follows starts from the corrected level
        UUID promotion = UUID.randomUUID();
        fixture.givenCurrentTime(NOW)
                .andGiven(history)
                .andGiven(corrected, assessed("2026-Q3", "IC4", q3, "IC3"), assessed("2026-Q4", "IC4", q4, "IC3"))
                .when(new PromotePerson(ada, promotion, level("IC4"), "Sustained IC4 work", null),
                        MetaData.with(MetaDataKeys.ACTOR, "committee-1"))
                .expectEvents(new LevelChanged(ada, promotion, PROMOTION, level("IC3"), level("IC4"),
                        List.of(new QuarterOutcome(quarter("2026-Q3"), level("IC4"), q3), new QuarterOutcome(quarter("2026-Q4"), level("IC4"), q4)),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), "Sustained IC4 work", null,
                        "committee-1", NOW));
    }

    @Test
    void a_correction_downwards_is_recorded_as_a_demotion() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC3"))
                .when(new CorrectLevel(ada, decision, level("IC2"), "Registered one level too high"), BY_PEOPLE_OPS)
                .expectEvents(new LevelChanged(ada, decision, DEMOTION, level("IC3"), level("IC2"), List.of(),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), "Registered one level too high", null,
                        "people-ops-1", NOW));
    }

    @Test
    void a_correction_to_the_same_level_is_refused() {
        fixture.given(registeredAt("IC3"))
                .when(new CorrectLevel(ada, decision, level("IC3"), REASON), BY_PEOPLE_OPS)
                .expectException(violationOf("level-unchanged"))
                .expectNoEvents();
    }

    @Test
    void a_correction_to_another_track_is_refused() {
        fixture.given(registeredAt("IC3"))
                .when(new CorrectLevel(ada, decision, level("M1"), REASON), BY_PEOPLE_OPS)
                .expectException(violationOf("correction-across-tracks"))
                .expectNoEvents();
    }

    @Test
    void a_correction_needs_a_reason_and_an_authenticated_decider() {
        fixture.given(registeredAt("IC2"))
                .when(new CorrectLevel(ada, decision, level("IC3"), " "), BY_PEOPLE_OPS)
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
        fixture.given(registeredAt("IC2"))
                .when(new CorrectLevel(ada, decision, level("IC3"), REASON))
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private PersonRegistered registeredAt(String level) {
        return new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, IC, level(level), null);
    }

    private QuarterOutcomeRecorded assessed(String quarter, String operatingLevel, UUID assessmentId, String levelHeld) {
        return new QuarterOutcomeRecorded(ada, quarter(quarter), level(operatingLevel), assessmentId, LevelCode.orNull(levelHeld));
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
