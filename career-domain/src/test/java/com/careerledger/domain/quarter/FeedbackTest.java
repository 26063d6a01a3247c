package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.FeedbackRelationship.MANAGER;
import static com.careerledger.domain.quarter.FeedbackRelationship.PEER;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.by;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;

class FeedbackTest {

    private static final YearQuarter Q3 = quarter("2026-Q3");
    private final UUID ada = UUID.randomUUID();
    private final UUID feedback = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople().at(ada, IC, "IC2"));
    }

    @Test
    void feedback_is_recorded_as_given_by_the_authenticated_sender() {
        fixture.given(opened())
                .when(new RecordFeedback(ada, Q3, feedback, PEER, " unblocked three teams ", level("IC3")),
                        by("grace"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new FeedbackRecorded(ada, Q3, feedback, PEER, "unblocked three teams", level("IC3"), "grace"));
    }

    @Test
    void feedback_is_recorded_also_after_assessment() {
        fixture.given(opened(), assessed())
                .when(new RecordFeedback(ada, Q3, feedback, MANAGER, "great follow-through", null),
                        by(MANAGER_1))
                .expectEvents(new FeedbackRecorded(ada, Q3, feedback, MANAGER, "great follow-through", null, MANAGER_1));
    }

    @Test
    void feedback_needs_an_authenticated_sender() {
        fixture.given(opened())
                .when(new RecordFeedback(ada, Q3, feedback, PEER, "great follow-through", null))
                .expectException(invalid("actor"))
                .expectNoEvents();
    }

    @Test
    void feedback_can_only_signal_a_level_of_the_framework() {
        fixture.given(opened())
                .when(new RecordFeedback(ada, Q3, feedback, PEER, "a rock star", level("IC9")), by("grace"))
                .expectException(invalid("signalsLevel"))
                .expectNoEvents();
    }

    @Test
    void feedback_needs_a_relationship() {
        fixture.given(opened())
                .when(new RecordFeedback(ada, Q3, feedback, null, "good", null), by("grace"))
                .expectException(invalid("relationship"))
                .expectNoEvents();
    }

    @Test
    void blank_feedback_is_refused() {
        fixture.given(opened())
                .when(new RecordFeedback(ada, Q3, feedback, PEER, "   ", null), by("grace"))
                .expectException(invalid("text"))
                .expectNoEvents();
    }

    @Test
    void the_same_feedback_is_not_recorded_twice() {
        fixture.given(opened(), new FeedbackRecorded(ada, Q3, feedback, PEER, "good", null, "grace"))
                .when(new RecordFeedback(ada, Q3, feedback, PEER, "good", null), by("grace"))
                .expectException(violates("feedback-exists"))
                .expectNoEvents();
    }

    private QuarterOpened opened() {
        return new QuarterOpened(ada, Q3, IC, level("IC2"), level("IC3"));
    }

    private QuarterAssessed assessed() {
        return new QuarterAssessed(ada, Q3, UUID.randomUUID(), level("IC2"), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null);
    }
}
