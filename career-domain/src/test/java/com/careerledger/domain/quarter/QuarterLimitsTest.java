package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.Dimension.CRAFT;
import static com.careerledger.domain.quarter.Dimension.SCOPE;
import static com.careerledger.domain.quarter.FeedbackRelationship.PEER;
import static com.careerledger.domain.quarter.GoalStatus.ON_TRACK;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.by;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A quarter's record has bounds (issue 21, row 2): at most 100 pieces of evidence ever logged (retracted ones
 * count), 100 pieces of feedback, and 100 progress notes per goal. The 100th is accepted, the 101st refused with
 * its rule. "Today" is 2026-11-29; the quarter is 2026-Q3.
 */
class QuarterLimitsTest {

    private static final Instant TODAY = Instant.parse("2026-11-29T10:00:00Z");
    private static final YearQuarter Q3 = quarter("2026-Q3");
    private static final LocalDate AUGUST_3 = LocalDate.of(2026, 8, 3);
    private final UUID ada = UUID.randomUUID();
    private final UUID goal = UUID.randomUUID();
    private final UUID otherGoal = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople().at(ada, IC, "IC2"));
    }

    @Test
    void the_limits_are_a_hundred_each() {
        assertThat(List.of(Quarter.MAX_EVIDENCE, Quarter.MAX_FEEDBACK, Quarter.MAX_PROGRESS_PER_GOAL))
                .containsExactly(100, 100, 100);
    }

    // --- evidence ------------------------------------------------------------------------------------

    @Test
    void the_hundredth_piece_of_evidence_is_logged() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), evidence(99))).when(logEvidence()).expectSuccessfulHandlerExecution();
    }

    @Test
    void the_hundred_and_first_piece_of_evidence_is_refused() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), evidence(100))).when(logEvidence())
                .expectException(violates("evidence-limit-reached"))
                .expectExceptionMessage(containsString("a quarter holds at most 100 pieces of evidence"))
                .expectNoEvents();
    }

    @Test
    void retracted_evidence_counts_toward_the_limit() {
        List<Object> events = story(opened(), evidence(100));
        EvidenceLogged first = (EvidenceLogged) events.get(1);
        events.add(new EvidenceRetracted(ada, Q3, first.evidenceId(), "not mine"));
        fixture.givenCurrentTime(TODAY).andGiven(events).when(logEvidence())
                .expectException(violates("evidence-limit-reached"))
                .expectNoEvents();
    }

    @Test
    void a_full_win_log_still_takes_retractions() {
        List<Object> events = story(opened(), evidence(100));
        EvidenceLogged last = (EvidenceLogged) events.get(100);
        fixture.givenCurrentTime(TODAY).andGiven(events)
                .when(new RetractEvidence(ada, Q3, last.evidenceId(), "logged twice"))
                .expectEvents(new EvidenceRetracted(ada, Q3, last.evidenceId(), "logged twice"));
    }

    @Test
    void a_quarter_stored_past_the_limit_before_it_existed_replays_and_takes_no_more() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), evidence(150))).when(logEvidence())
                .expectException(violates("evidence-limit-reached"))
                .expectNoEvents();
    }

    // --- feedback ------------------------------------------------------------------------------------

    @Test
    void the_hundredth_piece_of_feedback_is_recorded() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), feedback(99))).when(recordFeedback(), by("grace"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_hundred_and_first_piece_of_feedback_is_refused() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), feedback(100))).when(recordFeedback(), by("grace"))
                .expectException(violates("feedback-limit-reached"))
                .expectExceptionMessage(containsString("a quarter holds at most 100 pieces of feedback"))
                .expectNoEvents();
    }

    @Test
    void the_feedback_limit_holds_after_assessment_too() {
        List<Object> events = story(opened(), feedback(100));
        events.add(new QuarterAssessed(ada, Q3, UUID.randomUUID(), level("IC2"), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null));
        fixture.givenCurrentTime(TODAY).andGiven(events).when(recordFeedback(), by(MANAGER_1))
                .expectException(violates("feedback-limit-reached"))
                .expectNoEvents();
    }

    // --- progress notes ------------------------------------------------------------------------------

    @Test
    void the_hundredth_progress_note_on_a_goal_is_recorded() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), goals(), progress(goal, 99)))
                .when(new RecordProgress(ada, Q3, goal, ON_TRACK, "still fine"))
                .expectEvents(new GoalProgressed(ada, Q3, goal, ON_TRACK, "still fine"));
    }

    @Test
    void the_hundred_and_first_progress_note_on_a_goal_is_refused() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), goals(), progress(goal, 100)))
                .when(new RecordProgress(ada, Q3, goal, ON_TRACK, "still fine"))
                .expectException(violates("progress-limit-reached"))
                .expectExceptionMessage(containsString("a goal holds at most 100 progress notes"))
                .expectNoEvents();
    }

    @Test
    void the_progress_limit_is_per_goal() {
        fixture.givenCurrentTime(TODAY).andGiven(story(opened(), goals(), progress(goal, 100)))
                .when(new RecordProgress(ada, Q3, otherGoal, ON_TRACK, "another goal"))
                .expectEvents(new GoalProgressed(ada, Q3, otherGoal, ON_TRACK, "another goal"));
    }

    // --- the story so far ---------------------------------------------------------------------------

    private QuarterOpened opened() {
        return new QuarterOpened(ada, Q3, IC, level("IC2"), level("IC3"));
    }

    private List<Object> goals() {
        return List.of(new GoalSet(ada, Q3, goal, "Own billing", null, SCOPE, "0 P1s", level("IC3")),
                new GoalSet(ada, Q3, otherGoal, "Mentor Bo", null, SCOPE, "Bo ships alone", level("IC3")));
    }

    private List<Object> evidence(int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new EvidenceLogged(ada, Q3, UUID.randomUUID(), "Win " + i, null, "CI green again", CRAFT, level("IC2"),
                    null, List.of(), AUGUST_3));
        }
        return events;
    }

    private List<Object> feedback(int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new FeedbackRecorded(ada, Q3, UUID.randomUUID(), PEER, "good " + i, null, "grace"));
        }
        return events;
    }

    private List<Object> progress(UUID goalId, int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GoalProgressed(ada, Q3, goalId, ON_TRACK, "1:1 number " + i));
        }
        return events;
    }

    private static List<Object> story(Object first, List<?>... rest) {
        List<Object> events = new ArrayList<>(List.of(first));
        for (List<?> part : rest) {
            events.addAll(part);
        }
        return events;
    }

    private LogEvidence logEvidence() {
        return new LogEvidence(ada, Q3, UUID.randomUUID(), "One more win", null, "CI green again", CRAFT,
                level("IC2"), null, null, AUGUST_3);
    }

    private RecordFeedback recordFeedback() {
        return new RecordFeedback(ada, Q3, UUID.randomUUID(), PEER, "one more", null);
    }
}
