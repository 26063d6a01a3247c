package com.careerledger.domain.person;

import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import org.axonframework.commandhandling.GenericCommandMessage;
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
import static com.careerledger.domain.person.DecisionKind.PROMOTION;
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.containsString;

/**
 * Moving between the IC and manager tracks is a role change at the equivalent level (IC3≈M1, IC4≈M2,
 * IC5/IC6≈M3), never a promotion; the sustained record comes along, mapped to the new track.
 */
class TrackSwitchTest {

    private static final Instant NOW = Instant.parse("2026-07-15T09:30:00Z");
    private static final MetaData BY_PEOPLE_OPS = MetaData.with(MetaDataKeys.ACTOR, "people-ops-1");
    private static final MetaData BY_COMMITTEE = MetaData.with(MetaDataKeys.ACTOR, "committee-1");
    private static final String RATIONALE = "Takes over the payments team as its manager";

    private final UUID ada = UUID.randomUUID();
    private final UUID decision = UUID.randomUUID();
    private final UUID q1 = UUID.randomUUID();
    private final UUID q2 = UUID.randomUUID();
    private final UUID q3 = UUID.randomUUID();
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(new InMemoryPersonRegistry());
    }

    @Test
    void ic3_switching_to_manager_becomes_m1() {
        TrackSwitched switched = new TrackSwitched(ada, decision, IC, level("IC3"), MANAGER, level("M1"), List.of(),
                ShippedFramework.get().ref(), RATIONALE, "people-ops-1", NOW);

        fixture.givenCurrentTime(NOW)
                .andGiven(registered(IC, "IC3"))
                .when(switchTo(MANAGER), BY_PEOPLE_OPS)
                .expectSuccessfulHandlerExecution()
                .expectEvents(switched)
                .expectResultMessagePayload(switched);
    }

    @Test
    void m2_switching_to_ic_becomes_ic4() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(MANAGER, "M2"))
                .when(new SwitchTrack(ada, decision, IC, "Back to hands-on work as a domain lead"), BY_PEOPLE_OPS)
                .expectEvents(new TrackSwitched(ada, decision, MANAGER, level("M2"), IC, level("IC4"), List.of(),
                        ShippedFramework.get().ref(), "Back to hands-on work as a domain lead", "people-ops-1", NOW));
    }

    @Test
    void ic1_switching_to_manager_is_refused_with_no_equivalent() {
        fixture.given(registered(IC, "IC1"))
                .when(switchTo(MANAGER), BY_PEOPLE_OPS)
                .expectException(violationOf("no-equivalent-level"))
                .expectExceptionMessage(containsString("IC1 has no equivalent on the MANAGER track"))
                .expectNoEvents();
    }

    @Test
    void a_switch_to_the_current_track_is_refused() {
        fixture.given(registered(IC, "IC3"))
                .when(switchTo(IC), BY_PEOPLE_OPS)
                .expectException(violationOf("already-on-track"))
                .expectNoEvents();
    }

    @Test
    void a_track_switch_is_not_a_promotion() {
        // a person ready for IC4 who moves to management lands at M1 (≈ IC3), not one step up
        fixture.given(registered(IC, "IC3"),
                        assessed("2026-Q1", "IC4", q1, "IC3"),
                        assessed("2026-Q2", "IC4", q2, "IC3"))
                .when(switchTo(MANAGER), BY_PEOPLE_OPS)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        switchedTo(MANAGER, "M1"), andNoMore())));
    }

    @Test
    void the_sustained_record_carries_over_mapped() {
        TrackSwitched switched = new TrackSwitched(ada, decision, IC, level("IC3"), MANAGER, level("M1"),
                List.of(new QuarterOutcome(quarter("2026-Q1"), level("M2"), q1, level("IC4")), new QuarterOutcome(quarter("2026-Q2"), level("M2"), q2, level("IC4"))),
                ShippedFramework.get().ref(), RATIONALE, "people-ops-1", NOW);
        Object[] ic3ReadyForIc4 = {
                registered(IC, "IC3"),
                assessed("2026-Q1", "IC4", q1, "IC3"),
                assessed("2026-Q2", "IC4", q2, "IC3")};

        fixture.givenCurrentTime(NOW)
                .andGiven(ic3ReadyForIc4)
                .when(switchTo(MANAGER), BY_PEOPLE_OPS)
                .expectEvents(switched);

        UUID promotion = UUID.randomUUID();
        fixture.givenCurrentTime(NOW)
                .andGiven(ic3ReadyForIc4)
                .andGiven(switched)
                .when(new PromotePerson(ada, promotion, level("M2"), "Two quarters at M2 seniority", null),
                        BY_COMMITTEE)
                .expectEvents(new LevelChanged(ada, promotion, PROMOTION, level("M1"), level("M2"),
                        List.of(new QuarterOutcome(quarter("2026-Q1"), level("M2"), q1, level("IC4")), new QuarterOutcome(quarter("2026-Q2"), level("M2"), q2, level("IC4"))),
                        new PromotionPolicy(2), ShippedFramework.get().ref(), "Two quarters at M2 seniority", null,
                        "committee-1", NOW));
    }

    @Test
    void a_latest_quarter_with_no_equivalent_still_breaks_the_carried_over_streak() {
        // On the IC track this person is not ready for IC4: the latest quarter (Q3) was assessed at IC2.
        // After the switch to M1, Q3 has no manager equivalent: it must still break the streak, so the
        // older Q1+Q2 (IC4 ≈ M2) do not make M1 -> M2 acceptable.
        fixture.given(registered(IC, "IC3"),
                        assessed("2026-Q1", "IC4", q1, "IC3"),
                        assessed("2026-Q2", "IC4", q2, "IC3"),
                        assessed("2026-Q3", "IC2", q3, "IC3"))
                .andGivenCommands(GenericCommandMessage.asCommandMessage(switchTo(MANAGER)).andMetaData(BY_PEOPLE_OPS))
                .when(new PromotePerson(ada, UUID.randomUUID(), level("M2"), "Two quarters at M2 seniority", null),
                        BY_COMMITTEE)
                .expectException(violationOf("promotion-not-sustained"))
                .expectNoEvents();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private PersonRegistered registered(Track track, String level) {
        return new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, track, level(level), null);
    }

    private QuarterOutcomeRecorded assessed(String quarter, String operatingLevel, UUID assessmentId, String levelHeld) {
        return new QuarterOutcomeRecorded(ada, quarter(quarter), level(operatingLevel), assessmentId, LevelCode.orNull(levelHeld));
    }

    private SwitchTrack switchTo(Track track) {
        return new SwitchTrack(ada, decision, track, RATIONALE);
    }

    private static Matcher<DomainRuleViolation> violationOf(String rule) {
        return new CustomTypeSafeMatcher<>("a DomainRuleViolation of rule " + rule) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return rule.equals(violation.rule());
            }
        };
    }

    /** The event is a TrackSwitched, not a LevelChanged of any kind, landing on the given track and level. */
    private static Matcher<Object> switchedTo(Track track, String level) {
        return new CustomTypeSafeMatcher<>("a TrackSwitched to " + track + " " + level) {
            @Override
            protected boolean matchesSafely(Object payload) {
                return payload instanceof TrackSwitched s && s.toTrack() == track && s.toLevel().code().equals(level);
            }
        };
    }
}
