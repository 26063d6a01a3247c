package com.careerledger.domain.person;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.person.DecisionKind.PROMOTION;
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Promotions are decided from the sustained record: one step up the person's own track, after the latest
 * {@code requiredQuarters} (2 in the shipped ladder) assessed quarters were consecutive and at the target
 * level or above. Tenure is never an input.
 */
class PromotionTest {

    private static final Instant NOW = Instant.parse("2026-07-15T09:30:00Z");
    private static final MetaData BY_COMMITTEE = MetaData.with(MetaDataKeys.ACTOR, "committee-1");
    private static final String RATIONALE = "Operated at the next level for two consecutive quarters";

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

    // --- the sustained-performance rule ----------------------------------------------------------

    @Test
    void promotion_is_refused_with_no_assessed_quarter_at_the_next_level() {
        fixture.given(registeredAt("IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(allOf(containsString("found none"), containsString("missing: no assessed quarters")))
                .expectNoEvents();
    }

    @Test
    void promotion_is_refused_after_only_one_quarter_at_the_next_level() {
        fixture.given(registeredAt("IC2"), assessed("2026-Q1", "IC3", q1, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectNoEvents();
    }

    @Test
    void the_refusal_names_the_quarters_found_and_what_is_missing() {
        fixture.given(registeredAt("IC2"), assessed("2026-Q1", "IC3", q1, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage(allOf(
                        containsString("needs 2 consecutive assessed quarters at IC3 or above"),
                        containsString("found 2026-Q1 at IC3"),
                        containsString("missing: only 1 assessed quarter")))
                .expectNoEvents();
    }

    @Test
    void promotion_is_refused_when_a_quarter_below_the_next_level_sits_between_two_at_it() {
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC2", q2, "IC2"),
                        assessed("2026-Q3", "IC3", q3, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("2026-Q2 was assessed at IC2, below IC3"))
                .expectNoEvents();
    }

    @Test
    void promotion_is_refused_when_the_latest_quarter_falls_below_the_next_level() {
        // the rule looks at the latest quarters: an earlier streak that was not acted on does not stay valid
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"),
                        assessed("2026-Q3", "IC2", q3, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("2026-Q3 was assessed at IC2, below IC3"))
                .expectNoEvents();
    }

    @Test
    void promotion_is_refused_when_the_qualifying_quarters_are_not_consecutive() {
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q3", "IC3", q3, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("2026-Q1 and 2026-Q3 are not consecutive"))
                .expectNoEvents();
    }

    @Test
    void promotion_is_accepted_after_two_consecutive_quarters_at_the_next_level() {
        LevelChanged promoted = new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                List.of(new QuarterOutcome(quarter("2026-Q1"), level("IC3"), q1), new QuarterOutcome(quarter("2026-Q2"), level("IC3"), q2)),
                new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE, null, "committee-1", NOW);

        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectSuccessfulHandlerExecution()
                .expectEvents(promoted)
                .expectResultMessagePayload(promoted);
    }

    @Test
    void consecutive_quarters_across_a_year_boundary_count() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"),
                        assessed("2025-Q4", "IC3", q1, "IC2"),
                        assessed("2026-Q1", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectEvents(new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                        List.of(new QuarterOutcome(quarter("2025-Q4"), level("IC3"), q1), new QuarterOutcome(quarter("2026-Q1"), level("IC3"), q2)),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE, null, "committee-1", NOW));
    }

    @Test
    void quarters_assessed_above_the_next_level_also_count() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"),
                        assessed("2026-Q1", "IC4", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectEvents(new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                        List.of(new QuarterOutcome(quarter("2026-Q1"), level("IC4"), q1), new QuarterOutcome(quarter("2026-Q2"), level("IC3"), q2)),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE, null, "committee-1", NOW));
    }

    // --- one step up, on the person's own track -------------------------------------------------

    @Test
    void promotion_two_steps_up_is_refused() {
        // even with a record that would carry IC3: a promotion is one rung at a time
        fixture.given(registeredAt("IC1"),
                        assessed("2026-Q1", "IC3", q1, "IC1"),
                        assessed("2026-Q2", "IC3", q2, "IC1"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-one-step"))
                .expectExceptionMessage("a promotion is exactly one step up: from IC1 the next level is IC2, not IC3")
                .expectNoEvents();
    }

    @Test
    void promotion_across_tracks_is_refused() {
        fixture.given(registeredAt("IC3"),
                        assessed("2026-Q1", "IC4", q1, "IC3"),
                        assessed("2026-Q2", "IC4", q2, "IC3"))
                .when(promoteTo("M2"), BY_COMMITTEE)
                .expectException(violationOf("promotion-across-tracks"))
                .expectNoEvents();
        fixture.given(registeredAt("IC3"),
                        assessed("2026-Q1", "IC4", q1, "IC3"),
                        assessed("2026-Q2", "IC4", q2, "IC3"))
                .when(promoteTo("M1"), BY_COMMITTEE)
                .expectException(violationOf("promotion-across-tracks"))
                .expectNoEvents();
    }

    @Test
    void promotion_at_the_top_of_a_track_is_refused() {
        fixture.given(registeredAt("IC6"),
                        assessed("2026-Q1", "IC6", q1, "IC6"),
                        assessed("2026-Q2", "IC6", q2, "IC6"))
                .when(promoteTo("IC6"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-one-step"))
                .expectExceptionMessage("IC6 is the top of the IC track")
                .expectNoEvents();
    }

    @Test
    void promotion_to_an_unknown_level_is_refused() {
        fixture.given(registeredAt("IC6"))
                .when(promoteTo("IC7"), BY_COMMITTEE)
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    // --- levels are impact, not tenure ---------------------------------------------------------

    @Test
    void a_person_registered_years_ago_with_one_qualifying_quarter_is_refused() {
        // seven years at IC2, consistently operating at IC2, then one good quarter: not sustained
        List<Object> sevenYearsAtIc2 = new ArrayList<>();
        for (int year = 2019; year <= 2025; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                sevenYearsAtIc2.add(assessed(year + "-Q" + quarter, "IC2", UUID.randomUUID(), "IC2"));
            }
        }
        fixture.givenCurrentTime(Instant.parse("2019-01-07T09:00:00Z"))
                .andGiven(registeredAt("IC2"))
                .andGivenCurrentTime(NOW)
                .andGiven(sevenYearsAtIc2)
                .andGiven(assessed("2026-Q1", "IC3", q1, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("2025-Q4 was assessed at IC2, below IC3"))
                .expectNoEvents();
    }

    @Test
    void a_person_registered_last_month_with_two_qualifying_quarters_is_promoted() {
        // the quarters predate the registration (e.g. brought over from an earlier record): the calendar is no input
        fixture.givenCurrentTime(NOW.minusSeconds(30L * 24 * 3600))
                .andGiven(registeredAt("IC2"))
                .andGivenCurrentTime(NOW)
                .andGiven(assessed("2026-Q1", "IC3", q1, "IC2"), assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectEvents(new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                        List.of(new QuarterOutcome(quarter("2026-Q1"), level("IC3"), q1), new QuarterOutcome(quarter("2026-Q2"), level("IC3"), q2)),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE, null, "committee-1", NOW));
    }

    // --- overrides -----------------------------------------------------------------------------

    @Test
    void an_override_without_justification_is_refused() {
        fixture.given(registeredAt("IC2"), assessed("2026-Q1", "IC3", q1, "IC2"))
                .when(new PromotePerson(ada, decision, level("IC3"), RATIONALE, new PromotionOverride("   ")),
                        BY_COMMITTEE)
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("override.justification must not be blank")
                .expectNoEvents();
    }

    @Test
    void an_override_with_a_justification_is_accepted_and_recorded_as_such() {
        String justification = "Led the incident response that saved the Q2 launch; the committee will not wait a quarter";
        LevelChanged promoted = new LevelChanged(ada, decision, PROMOTION, level("IC2"), level("IC3"),
                List.of(new QuarterOutcome(quarter("2026-Q1"), level("IC3"), q1)),
                new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE,
                new PromotionOverride(justification), "committee-1", NOW);

        fixture.givenCurrentTime(NOW)
                .andGiven(registeredAt("IC2"), assessed("2026-Q1", "IC3", q1, "IC2"))
                .when(new PromotePerson(ada, decision, level("IC3"), RATIONALE,
                        new PromotionOverride(" " + justification + " ")),
                        BY_COMMITTEE)
                .expectEvents(promoted)
                .expectResultMessagePayload(promoted);
    }

    @Test
    void an_override_does_not_lift_the_one_step_rule() {
        fixture.given(registeredAt("IC1"))
                .when(new PromotePerson(ada, decision, level("IC3"), RATIONALE,
                        new PromotionOverride("Exceptional year")),
                        BY_COMMITTEE)
                .expectException(violationOf("promotion-not-one-step"))
                .expectNoEvents();
    }

    // --- the record after a promotion, and amendments -----------------------------------------------

    @Test
    void after_a_promotion_the_streak_restarts() {
        Object[] promotedOnQ1AndQ2 = {
                registeredAt("IC2"),
                assessed("2026-Q1", "IC3", q1, "IC2"),
                assessed("2026-Q2", "IC3", q2, "IC2"),
                promotion("IC2", "IC3", new QuarterOutcome(quarter("2026-Q1"), level("IC3"), q1), new QuarterOutcome(quarter("2026-Q2"), level("IC3"), q2))};

        fixture.given(promotedOnQ1AndQ2)
                .andGiven(assessed("2026-Q3", "IC4", q3, "IC3"))
                .when(promoteTo("IC4"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("only 1 assessed quarter after 2026-Q2"))
                .expectNoEvents();

        fixture.givenCurrentTime(NOW)
                .andGiven(promotedOnQ1AndQ2)
                .andGiven(assessed("2026-Q3", "IC4", q3, "IC3"), assessed("2026-Q4", "IC4", q4, "IC3"))
                .when(promoteTo("IC4"), BY_COMMITTEE)
                .expectEvents(new LevelChanged(ada, decision, PROMOTION, level("IC3"), level("IC4"),
                        List.of(new QuarterOutcome(quarter("2026-Q3"), level("IC4"), q3), new QuarterOutcome(quarter("2026-Q4"), level("IC4"), q4)),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), RATIONALE, null, "committee-1", NOW));
    }

    @Test
    void quarters_that_earned_a_promotion_do_not_count_again() {
        // Q1 and Q2 were at IC4, which earned IC3; they must not also make up a streak toward IC4
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC4", q1, "IC2"),
                        assessed("2026-Q2", "IC4", q2, "IC2"),
                        promotion("IC2", "IC3", new QuarterOutcome(quarter("2026-Q1"), level("IC4"), q1), new QuarterOutcome(quarter("2026-Q2"), level("IC4"), q2)),
                        assessed("2026-Q3", "IC4", q3, "IC3"))
                .when(promoteTo("IC4"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectNoEvents();
    }

    @Test
    void an_amended_assessment_replaces_the_outcome() {
        UUID amendment = UUID.randomUUID();
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"),
                        assessed("2026-Q2", "IC2", amendment, "IC2"))
                .when(promoteTo("IC3"), BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectExceptionMessage(containsString("2026-Q2 was assessed at IC2, below IC3"))
                .expectNoEvents();
    }

    @Test
    void an_amended_assessment_is_recorded_as_a_new_outcome_and_a_repeated_one_is_not() {
        UUID amendment = UUID.randomUUID();
        fixture.given(registeredAt("IC2"), assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(new RecordQuarterOutcome(ada, quarter("2026-Q2"), level("IC2"), amendment))
                .expectEvents(assessed("2026-Q2", "IC2", amendment, "IC2"));
        fixture.given(registeredAt("IC2"), assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(new RecordQuarterOutcome(ada, quarter("2026-Q2"), level("IC3"), q2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_superseded_assessment_delivered_late_does_not_bring_back_its_outcome() {
        UUID amendment = UUID.randomUUID();
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"),
                        assessed("2026-Q2", "IC2", amendment, "IC2"))
                .when(new RecordQuarterOutcome(ada, quarter("2026-Q2"), level("IC3"), q2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- who decides -----------------------------------------------------------------------------

    @Test
    void a_decision_without_an_authenticated_decider_is_refused() {
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"))
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("a decision needs an authenticated decider")
                .expectNoEvents();
        fixture.given(registeredAt("IC2"),
                        assessed("2026-Q1", "IC3", q1, "IC2"),
                        assessed("2026-Q2", "IC3", q2, "IC2"))
                .when(promoteTo("IC3"), MetaData.with(MetaDataKeys.ACTOR, " "))
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

    private PromotePerson promoteTo(String level) {
        return new PromotePerson(ada, decision, level(level), RATIONALE, null);
    }

    private LevelChanged promotion(String from, String to, QuarterOutcome... basis) {
        return new LevelChanged(ada, UUID.randomUUID(), PROMOTION, level(from), level(to), List.of(basis), new PromotionPolicy(2),
                ShippedFramework.get().ref(), RATIONALE, null, "committee-1", Instant.parse("2026-07-01T10:00:00Z"));
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
