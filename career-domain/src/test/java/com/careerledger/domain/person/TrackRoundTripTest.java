package com.careerledger.domain.person;

import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.DomainRuleViolation;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
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
import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/**
 * Track switches that round-trip: a switch back gives the level the person held on that track when it is still
 * equivalent (IC6 -> M3 -> IC6, not IC5), an ambiguous mapping is refused with its candidates unless the command
 * names one, and the carried-over record maps back to what was assessed. "Today" is set explicitly.
 */
class TrackRoundTripTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-03-02T10:00:00Z");
    private static final MetaData BY_PEOPLE_OPS = MetaData.with(MetaDataKeys.ACTOR, "people-ops-1");
    private static final String WHY = "moves between leading people and leading systems";

    private final UUID ada = UUID.randomUUID();
    private final UUID decision = UUID.randomUUID();
    private final UUID q1 = UUID.randomUUID();
    private AggregateTestFixture<Person> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(new InMemoryPersonRegistry());
    }

    @Test
    void a_switch_back_returns_the_level_held_on_that_track() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(IC, "IC6"), switched(IC, "IC6", MANAGER, "M3", List.of()))
                .when(new SwitchTrack(ada, decision, IC, WHY), BY_PEOPLE_OPS)
                .expectEvents(new TrackSwitched(ada, decision, MANAGER, level("M3"), IC, level("IC6"), List.of(),
                        ShippedFramework.get().ref(), WHY, "people-ops-1", NOW));
    }

    @Test
    void an_ambiguous_equivalent_is_refused_naming_the_candidates() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(MANAGER, "M3"))
                .when(new SwitchTrack(ada, decision, IC, WHY), BY_PEOPLE_OPS)
                .expectException(violationOf("ambiguous-equivalent-level"))
                .expectExceptionMessage(allOf(containsString("IC5 and IC6"), containsString("targetLevel")))
                .expectNoEvents();
    }

    @Test
    void the_command_may_name_one_of_several_equivalents() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(MANAGER, "M3"))
                .when(new SwitchTrack(ada, decision, IC, WHY, level("IC5")), BY_PEOPLE_OPS)
                .expectEvents(new TrackSwitched(ada, decision, MANAGER, level("M3"), IC, level("IC5"), List.of(),
                        ShippedFramework.get().ref(), WHY, "people-ops-1", NOW));
    }

    @Test
    void a_named_level_that_is_not_equivalent_is_refused() {
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(MANAGER, "M3"))
                .when(new SwitchTrack(ada, decision, IC, WHY, level("IC4")), BY_PEOPLE_OPS)
                .expectException(violationOf("not-an-equivalent-level"))
                .expectNoEvents();
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(MANAGER, "M3"))
                .when(new SwitchTrack(ada, decision, IC, WHY, level("IC9")), BY_PEOPLE_OPS)
                .expectException(InvalidCommandException.class)
                .expectNoEvents();
    }

    @Test
    void a_level_gained_on_the_other_track_maps_by_the_table_not_by_history() {
        // IC3 -> M1, promoted to M2 there: back on the IC track that is IC4, whatever was held before
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(IC, "IC3"), switched(IC, "IC3", MANAGER, "M1", List.of()),
                        new LevelChanged(ada, UUID.randomUUID(), DecisionKind.PROMOTION, level("M1"), level("M2"), List.of(),
                                new com.careerledger.domain.framework.PromotionPolicy(2), ShippedFramework.get().ref(),
                                "two quarters at M2", new PromotionOverride("imported decision"), "committee-1", EARLIER))
                .when(new SwitchTrack(ada, decision, IC, WHY), BY_PEOPLE_OPS)
                .expectEvents(new TrackSwitched(ada, decision, MANAGER, level("M2"), IC, level("IC4"), List.of(),
                        ShippedFramework.get().ref(), WHY, "people-ops-1", NOW));
    }

    @Test
    void the_carried_record_maps_back_to_what_was_assessed_on_a_round_trip() {
        QuarterOutcome asAssessed = new QuarterOutcome(quarter("2026-Q1"), level("IC4"), q1);
        QuarterOutcome onManagerTrack = new QuarterOutcome(quarter("2026-Q1"), level("M2"), q1, level("IC4"));
        fixture.givenCurrentTime(NOW)
                .andGiven(registered(IC, "IC3"), new QuarterOutcomeRecorded(ada, quarter("2026-Q1"), level("IC4"), q1, level("IC3")),
                        switched(IC, "IC3", MANAGER, "M1", List.of(onManagerTrack)))
                .when(new SwitchTrack(ada, decision, IC, WHY), BY_PEOPLE_OPS)
                .expectEvents(new TrackSwitched(ada, decision, MANAGER, level("M1"), IC, level("IC3"), List.of(asAssessed),
                        ShippedFramework.get().ref(), WHY, "people-ops-1", NOW));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private PersonRegistered registered(Track track, String level) {
        return new PersonRegistered(ada, "Ada Lovelace", "ada@example.com", ENGINEERING, track, level(level), null);
    }

    private TrackSwitched switched(Track from, String fromLevel, Track to, String toLevel, List<QuarterOutcome> carried) {
        return new TrackSwitched(ada, UUID.randomUUID(), from, level(fromLevel), to, level(toLevel), carried,
                ShippedFramework.get().ref(), WHY, "people-ops-1", EARLIER);
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
