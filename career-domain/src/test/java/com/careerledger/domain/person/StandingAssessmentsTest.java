package com.careerledger.domain.person;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
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
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.person.BasisChange.REASSESSED;
import static com.careerledger.domain.person.BasisChange.WITHDRAWN;
import static com.careerledger.domain.person.DecisionKind.PROMOTION;
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;

/**
 * Only standing assessments count: a reopened quarter leaves the sustained record until it is assessed again,
 * no promotion may cite it, and a promotion that already cites it is marked with what changed, by whom, and
 * whether it would still hold. An outcome records the level held in its own quarter. "Today" is set explicitly.
 */
class StandingAssessmentsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant DECIDED = Instant.parse("2025-07-10T12:00:00Z");
    private static final MetaData BY_COMMITTEE = MetaData.with(MetaDataKeys.ACTOR, "committee-1");
    private static final MetaData BY_MANAGER = MetaData.with(MetaDataKeys.ACTOR, "manager-1");

    private final UUID ada = UUID.randomUUID();
    private final UUID decision = UUID.randomUUID();
    private final UUID q1 = UUID.randomUUID();
    private final UUID q2 = UUID.randomUUID();
    private final UUID amended = UUID.randomUUID();
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(new InMemoryPersonRegistry());
    }

    @Test
    void a_reopened_quarter_leaves_the_sustained_record() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"))
                .when(new WithdrawQuarterOutcome(ada, quarter("2025-Q2"), q2, "the evidence was someone else's"),
                        BY_MANAGER)
                .expectEvents(new QuarterOutcomeWithdrawn(ada, quarter("2025-Q2"), q2, level("IC3"), "the evidence was someone else's",
                        "manager-1"));
    }

    @Test
    void a_promotion_cannot_cite_a_reopened_quarter() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        new QuarterOutcomeWithdrawn(ada, quarter("2025-Q2"), q2, level("IC3"), "reopened", "manager-1"))
                .when(new PromotePerson(ada, decision, level("IC3"), "two quarters at IC3", null), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectNoEvents();
    }

    @Test
    void a_reassessed_quarter_counts_again() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        new QuarterOutcomeWithdrawn(ada, quarter("2025-Q2"), q2, level("IC3"), "reopened", "manager-1"),
                        assessed("2025-Q2", "IC3", amended, "IC2"))
                .when(new PromotePerson(ada, decision, level("IC3"), "two quarters at IC3", null), BY_COMMITTEE)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void withdrawing_an_assessment_that_no_longer_stands_changes_nothing() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"))
                .when(new WithdrawQuarterOutcome(ada, quarter("2025-Q1"), UUID.randomUUID(), "late redelivery"),
                        BY_MANAGER)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_outcome_records_the_level_held_in_its_own_quarter() {
        // promoted to IC3 in July 2025, then 2024-Q3 (held at IC2) is imported and assessed
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        promotion())
                .when(new RecordQuarterOutcome(ada, quarter("2024-Q3"), level("IC2"), amended, level("IC2")),
                        BY_MANAGER)
                .expectEvents(new QuarterOutcomeRecorded(ada, quarter("2024-Q3"), level("IC2"), amended, level("IC2"), null));
    }

    @Test
    void reopening_a_quarter_a_promotion_cites_marks_the_decision_as_no_longer_resting_on_it() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        promotion())
                .when(new WithdrawQuarterOutcome(ada, quarter("2025-Q1"), q1, "amending"), BY_MANAGER)
                .expectEvents(new QuarterOutcomeWithdrawn(ada, quarter("2025-Q1"), q1, level("IC3"), "amending", "manager-1"),
                        new DecisionBasisChanged(ada, decision, quarter("2025-Q1"), WITHDRAWN, level("IC3"), null, q1, false,
                                "manager-1", NOW));
    }

    @Test
    void reassessing_a_cited_quarter_below_the_decision_says_it_would_no_longer_hold() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        promotion(), new QuarterOutcomeWithdrawn(ada, quarter("2025-Q1"), q1, level("IC3"), "amending", "manager-1"))
                .when(new RecordQuarterOutcome(ada, quarter("2025-Q1"), level("IC1"), amended, level("IC2")),
                        BY_MANAGER)
                .expectEvents(new QuarterOutcomeRecorded(ada, quarter("2025-Q1"), level("IC1"), amended, level("IC2"), null),
                        new DecisionBasisChanged(ada, decision, quarter("2025-Q1"), REASSESSED, level("IC3"), level("IC1"), amended, false,
                                "manager-1", NOW));
    }

    @Test
    void reassessing_a_cited_quarter_at_the_decisions_level_says_it_still_holds() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2025-Q1", "IC3", q1, "IC2"), assessed("2025-Q2", "IC3", q2, "IC2"),
                        promotion(), new QuarterOutcomeWithdrawn(ada, quarter("2025-Q1"), q1, level("IC3"), "amending", "manager-1"))
                .when(new RecordQuarterOutcome(ada, quarter("2025-Q1"), level("IC4"), amended, level("IC2")),
                        BY_MANAGER)
                .expectEvents(new QuarterOutcomeRecorded(ada, quarter("2025-Q1"), level("IC4"), amended, level("IC2"), null),
                        new DecisionBasisChanged(ada, decision, quarter("2025-Q1"), REASSESSED, level("IC3"), level("IC4"), amended, true,
                                "manager-1", NOW));
    }

    @Test
    void a_quarter_assessed_on_the_other_track_counts_at_its_equivalent_marked_as_mapped() {
        // opened on the IC track before a switch to M1, reopened and assessed at IC4 after it: IC4 ~ M2
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC3"),
                        new TrackSwitched(ada, UUID.randomUUID(), IC, level("IC3"), MANAGER, level("M1"), List.of(),
                                ShippedFramework.get().ref(), "leads the team", "people-ops-1", DECIDED))
                .when(new RecordQuarterOutcome(ada, quarter("2025-Q3"), level("IC4"), q1, level("IC3")), BY_MANAGER)
                .expectEvents(new QuarterOutcomeRecorded(ada, quarter("2025-Q3"), level("M2"), q1, level("IC3"), level("IC4")));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private PersonRegistered registeredAt(String level) {
        return new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, IC, level(level), null);
    }

    private QuarterOutcomeRecorded assessed(String quarter, String operatingLevel, UUID assessmentId, String levelHeld) {
        return new QuarterOutcomeRecorded(ada, quarter(quarter), level(operatingLevel), assessmentId, LevelCode.orNull(levelHeld));
    }

    private LevelChanged promotion() {
        return new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                List.of(new QuarterOutcome(quarter("2025-Q1"), level("IC3"), q1), new QuarterOutcome(quarter("2025-Q2"), level("IC3"), q2)),
                new PromotionPolicy(2), ShippedFramework.get().ref(), "two quarters at IC3", null, "committee-1", DECIDED);
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
