package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import static com.careerledger.domain.CommandValues.level;
import com.careerledger.domain.shared.NotFoundException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.Dimension.IMPACT;
import static com.careerledger.domain.quarter.Dimension.OWNERSHIP;
import static com.careerledger.domain.quarter.Dimension.SCOPE;
import static com.careerledger.domain.quarter.GoalStatus.AT_RISK;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;

class QuarterGoalsTest {

    private static final YearQuarter Q3 = quarter("2026-Q3");
    private final UUID ada = UUID.randomUUID();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();
    private final UUID fourth = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople().at(ada, IC, "IC2"));
    }

    @Test
    void a_goal_aims_at_the_target_level_of_the_quarter() {
        fixture.given(opened())
                .when(new SetGoal(ada, Q3, first, " Own the billing service ", "  ", OWNERSHIP,
                        " on-call lead, 0 P1s "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new GoalSet(ada, Q3, first, "Own the billing service", null, OWNERSHIP,
                        "on-call lead, 0 P1s", level("IC3")));
    }

    @Test
    void a_goal_without_a_measure_is_refused() {
        fixture.given(opened())
                .when(new SetGoal(ada, Q3, first, "Own billing", null, OWNERSHIP, " "))
                .expectException(invalid("measure"))
                .expectNoEvents();
    }

    @Test
    void a_goal_without_a_dimension_is_refused() {
        fixture.given(opened())
                .when(new SetGoal(ada, Q3, first, "Own billing", null, null, "0 P1s"))
                .expectException(invalid("dimension"))
                .expectNoEvents();
    }

    @Test
    void a_title_longer_than_200_characters_is_refused() {
        fixture.given(opened())
                .when(new SetGoal(ada, Q3, first, "x".repeat(201), null, OWNERSHIP, "0 P1s"))
                .expectException(invalid("title"))
                .expectNoEvents();
    }

    @Test
    void a_fourth_active_goal_is_refused() {
        fixture.given(opened(), goal(first), goal(second), goal(third))
                .when(setGoal(fourth))
                .expectException(violates("goal-limit-reached"))
                .expectNoEvents();
    }

    @Test
    void a_dropped_goal_frees_a_place() {
        fixture.given(opened(), goal(first), goal(second), goal(third),
                        new GoalDropped(ada, Q3, second, "the project was cancelled"))
                .when(setGoal(fourth))
                .expectEvents(new GoalSet(ada, Q3, fourth, "Goal " + fourth, null, SCOPE, "measured", level("IC3")));
    }

    @Test
    void a_goal_id_names_one_goal_only() {
        fixture.given(opened(), goal(first), new GoalDropped(ada, Q3, first, "cancelled"))
                .when(setGoal(first))
                .expectException(violates("goal-exists"))
                .expectNoEvents();
    }

    @Test
    void a_goal_is_revised_while_the_quarter_is_open() {
        fixture.given(opened(), goal(first))
                .when(new ReviseGoal(ada, Q3, first, "Lead the billing migration", "with the payments team",
                        IMPACT, "cut-over by September"))
                .expectEvents(new GoalRevised(ada, Q3, first, "Lead the billing migration", "with the payments team",
                        IMPACT, "cut-over by September"));
    }

    @Test
    void revising_an_unknown_goal_is_refused() {
        fixture.given(opened(), goal(first))
                .when(new ReviseGoal(ada, Q3, second, "Lead", null, IMPACT, "done"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void a_dropped_goal_is_no_longer_revised() {
        fixture.given(opened(), goal(first), new GoalDropped(ada, Q3, first, "cancelled"))
                .when(new ReviseGoal(ada, Q3, first, "Lead", null, IMPACT, "done"))
                .expectException(violates("goal-dropped"))
                .expectNoEvents();
    }

    @Test
    void dropping_a_goal_needs_a_reason() {
        fixture.given(opened(), goal(first))
                .when(new DropGoal(ada, Q3, first, "  "))
                .expectException(invalid("reason"))
                .expectNoEvents();
    }

    @Test
    void a_goal_is_dropped_with_its_reason() {
        fixture.given(opened(), goal(first))
                .when(new DropGoal(ada, Q3, first, " the project was cancelled "))
                .expectEvents(new GoalDropped(ada, Q3, first, "the project was cancelled"));
    }

    @Test
    void a_goal_is_dropped_only_once() {
        fixture.given(opened(), goal(first), new GoalDropped(ada, Q3, first, "cancelled"))
                .when(new DropGoal(ada, Q3, first, "cancelled again"))
                .expectException(violates("goal-dropped"))
                .expectNoEvents();
    }

    @Test
    void progress_is_recorded_at_one_on_ones() {
        fixture.given(opened(), goal(first))
                .when(new RecordProgress(ada, Q3, first, AT_RISK, " blocked on the payments API "))
                .expectEvents(new GoalProgressed(ada, Q3, first, AT_RISK, "blocked on the payments API"));
    }

    @Test
    void progress_needs_a_status() {
        fixture.given(opened(), goal(first))
                .when(new RecordProgress(ada, Q3, first, null, "fine"))
                .expectException(invalid("status"))
                .expectNoEvents();
    }

    @Test
    void progress_on_an_unknown_goal_is_refused() {
        fixture.given(opened(), goal(first))
                .when(new RecordProgress(ada, Q3, second, AT_RISK, null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void progress_on_a_dropped_goal_is_refused() {
        fixture.given(opened(), goal(first), new GoalDropped(ada, Q3, first, "cancelled"))
                .when(new RecordProgress(ada, Q3, first, AT_RISK, null))
                .expectException(violates("goal-dropped"))
                .expectNoEvents();
    }

    @Test
    void goals_are_refused_after_assessment() {
        fixture.given(opened(), assessed())
                .when(setGoal(first))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void revising_a_goal_is_refused_after_assessment() {
        fixture.given(opened(), goal(first), assessed())
                .when(new ReviseGoal(ada, Q3, first, "Lead", null, IMPACT, "done"))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void dropping_a_goal_is_refused_after_assessment() {
        fixture.given(opened(), goal(first), assessed())
                .when(new DropGoal(ada, Q3, first, "too late"))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void progress_is_refused_after_assessment() {
        fixture.given(opened(), goal(first), assessed())
                .when(new RecordProgress(ada, Q3, first, GoalStatus.DONE, null))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void goals_are_accepted_again_once_the_quarter_is_reopened() {
        UUID assessment = UUID.randomUUID();
        fixture.given(opened(), new QuarterAssessed(ada, Q3, assessment, level("IC2"), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null),
                        new QuarterReopened(ada, Q3, "assessed too early", MANAGER_1, assessment))
                .when(setGoal(first))
                .expectEvents(new GoalSet(ada, Q3, first, "Goal " + first, null, SCOPE, "measured", level("IC3")));
    }

    @Test
    void goals_for_a_quarter_never_opened_are_refused() {
        fixture.givenNoPriorActivity()
                .when(setGoal(first))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void goals_for_no_quarter_find_no_quarter() {
        fixture.givenNoPriorActivity()
                .when(new SetGoal(ada, null, first, "Own billing", null, SCOPE, "0 P1s"))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    // --- the story so far ---------------------------------------------------------------------------

    private QuarterOpened opened() {
        return new QuarterOpened(ada, Q3, IC, level("IC2"), level("IC3"));
    }

    private GoalSet goal(UUID goalId) {
        return new GoalSet(ada, Q3, goalId, "Goal " + goalId, null, SCOPE, "measured", level("IC3"));
    }

    private SetGoal setGoal(UUID goalId) {
        return new SetGoal(ada, Q3, goalId, "Goal " + goalId, null, SCOPE, "measured");
    }

    private QuarterAssessed assessed() {
        return new QuarterAssessed(ada, Q3, UUID.randomUUID(), level("IC2"), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null);
    }
}
