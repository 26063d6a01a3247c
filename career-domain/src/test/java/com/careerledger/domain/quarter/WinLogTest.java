package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.domain.shared.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.Dimension.CRAFT;
import static com.careerledger.domain.quarter.Dimension.SCOPE;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;

class WinLogTest {

    private static final YearQuarter Q3 = quarter("2026-Q3");
    private static final LocalDate AUGUST_3 = LocalDate.of(2026, 8, 3);
    private final UUID ada = UUID.randomUUID();
    private final UUID goal = UUID.randomUUID();
    private final UUID evidence = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople().at(ada, IC, "IC2"));
    }

    @Test
    void evidence_is_logged_in_the_win_log() {
        fixture.given(opened(), goalSet())
                .when(new LogEvidence(ada, Q3, evidence, " Led the billing cut-over ", null,
                        " zero downtime ", SCOPE, level("IC3"), goal, List.of(" https://git.example.com/pr/42 "), AUGUST_3))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EvidenceLogged(ada, Q3, evidence, "Led the billing cut-over", null, "zero downtime",
                        SCOPE, level("IC3"), goal, List.of("https://git.example.com/pr/42"), AUGUST_3));
    }

    @Test
    void logging_evidence_answers_the_entry_as_stored_and_when() {
        Instant now = Instant.parse("2026-08-04T09:30:00.123Z");
        fixture.givenCurrentTime(now)
                .andGiven(opened(), goalSet())
                .when(new LogEvidence(ada, Q3, evidence, " Led the billing cut-over ", "  ",
                        " zero downtime ", SCOPE, level("IC3"), goal,
                        List.of(" https://git.example.com/pr/42 ", "https://git.example.com/pr/42"), AUGUST_3))
                .expectResultMessagePayload(new LoggedEvidence(new EvidenceLogged(ada, Q3, evidence,
                        "Led the billing cut-over", null, "zero downtime", SCOPE, level("IC3"), goal,
                        List.of("https://git.example.com/pr/42"), AUGUST_3), now));
    }

    @Test
    void evidence_keeps_several_links_in_order_each_once() {
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC2"), null,
                        List.of("https://git.example.com/pr/42", "https://docs.example.com/design",
                                " https://git.example.com/pr/42"), AUGUST_3))
                .expectEvents(new EvidenceLogged(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC2"), null,
                        List.of("https://git.example.com/pr/42", "https://docs.example.com/design"), AUGUST_3));
    }

    @Test
    void evidence_has_at_most_ten_links() {
        List<String> eleven = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> "https://git.example.com/pr/" + i).toList();
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC2"), null,
                        eleven, AUGUST_3))
                .expectException(invalid("links"))
                .expectNoEvents();
    }

    @Test
    void evidence_needs_no_goal_and_no_link() {
        fixture.given(opened())
                .when(logEvidence(evidence, null))
                .expectEvents(new EvidenceLogged(ada, Q3, evidence, "Fixed the flaky build", null, "CI green again",
                        CRAFT, level("IC2"), null, null, AUGUST_3));
    }

    @Test
    void evidence_for_an_unknown_goal_is_refused() {
        fixture.given(opened(), goalSet())
                .when(logEvidence(evidence, UUID.randomUUID()))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void evidence_may_serve_a_goal_that_was_dropped_later() {
        fixture.given(opened(), goalSet(), new GoalDropped(ada, Q3, goal, "re-prioritised"))
                .when(logEvidence(evidence, goal))
                .expectEvents(new EvidenceLogged(ada, Q3, evidence, "Fixed the flaky build", null, "CI green again",
                        CRAFT, level("IC2"), goal, null, AUGUST_3));
    }

    @Test
    void evidence_demonstrates_a_level_of_the_framework() {
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC9"), null,
                        null, AUGUST_3))
                .expectException(invalid("demonstratesLevel"))
                .expectNoEvents();
    }

    @Test
    void evidence_without_its_impact_is_refused() {
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, " ", CRAFT, level("IC2"), null,
                        null, AUGUST_3))
                .expectException(invalid("impact"))
                .expectNoEvents();
    }

    @Test
    void evidence_without_the_day_it_happened_is_refused() {
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC2"), null,
                        null, null))
                .expectException(invalid("occurredOn"))
                .expectNoEvents();
    }

    @Test
    void every_link_must_be_a_web_address() {
        fixture.given(opened())
                .when(new LogEvidence(ada, Q3, evidence, "Big win", null, "huge", CRAFT, level("IC2"), null,
                        List.of("https://ok.example.com", "javascript:alert(1)"), AUGUST_3))
                .expectException(invalid("links"))
                .expectNoEvents();
    }

    @Test
    void the_same_evidence_is_not_logged_twice() {
        fixture.given(opened(), logged())
                .when(logEvidence(evidence, null))
                .expectException(violates("evidence-exists"))
                .expectNoEvents();
    }

    @Test
    void evidence_is_refused_after_assessment() {
        fixture.given(opened(), assessed())
                .when(logEvidence(evidence, null))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void retracted_evidence_stays_in_the_history_with_the_reason() {
        fixture.given(opened(), logged())
                .when(new RetractEvidence(ada, Q3, evidence, " it was Grace's work "))
                .expectEvents(new EvidenceRetracted(ada, Q3, evidence, "it was Grace's work"));
    }

    @Test
    void retracting_needs_a_reason() {
        fixture.given(opened(), logged())
                .when(new RetractEvidence(ada, Q3, evidence, null))
                .expectException(invalid("reason"))
                .expectNoEvents();
    }

    @Test
    void retracting_unknown_evidence_is_refused() {
        fixture.given(opened(), logged())
                .when(new RetractEvidence(ada, Q3, UUID.randomUUID(), "never mind"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void evidence_is_retracted_only_once() {
        fixture.given(opened(), logged(), new EvidenceRetracted(ada, Q3, evidence, "not mine"))
                .when(new RetractEvidence(ada, Q3, evidence, "still not mine"))
                .expectException(violates("evidence-retracted"))
                .expectNoEvents();
    }

    @Test
    void retracted_evidence_keeps_its_id() {
        fixture.given(opened(), logged(), new EvidenceRetracted(ada, Q3, evidence, "not mine"))
                .when(logEvidence(evidence, null))
                .expectException(violates("evidence-exists"))
                .expectNoEvents();
    }

    @Test
    void retractions_are_refused_after_assessment() {
        fixture.given(opened(), logged(), assessed())
                .when(new RetractEvidence(ada, Q3, evidence, "on second thoughts"))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    // --- the story so far ---------------------------------------------------------------------------

    private QuarterOpened opened() {
        return new QuarterOpened(ada, Q3, IC, level("IC2"), level("IC3"));
    }

    private GoalSet goalSet() {
        return new GoalSet(ada, Q3, goal, "Own billing", null, SCOPE, "0 P1s", level("IC3"));
    }

    private LogEvidence logEvidence(UUID evidenceId, UUID goalId) {
        return new LogEvidence(ada, Q3, evidenceId, "Fixed the flaky build", null, "CI green again", CRAFT,
                level("IC2"), goalId, null, AUGUST_3);
    }

    private EvidenceLogged logged() {
        return new EvidenceLogged(ada, Q3, evidence, "Fixed the flaky build", null, "CI green again", CRAFT, level("IC2"),
                null, null, AUGUST_3);
    }

    private QuarterAssessed assessed() {
        return new QuarterAssessed(ada, Q3, UUID.randomUUID(), level("IC2"), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null);
    }
}
