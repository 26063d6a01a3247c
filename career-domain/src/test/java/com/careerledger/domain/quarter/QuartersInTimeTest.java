package com.careerledger.domain.quarter;

import com.careerledger.domain.framework.ShippedFramework;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.by;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.hamcrest.Matchers.containsString;

/**
 * Quarters in time: a quarter is opened at most one ahead, assessed once it has happened (or in its closing
 * weeks), its evidence is dated within it, and a quarter imported after the fact is held at the level of its day.
 * "Today" is set explicitly in every test: 2026-11-29, in the fourth quarter of 2026, unless the test says otherwise.
 */
class QuartersInTimeTest {

    private static final Instant TODAY = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant PROMOTED = Instant.parse("2025-07-10T12:00:00Z");
    private final UUID ada = UUID.randomUUID();
    private final UUID win = UUID.randomUUID();
    private final UUID assessment = UUID.randomUUID();
    private final KnownPeople people = new KnownPeople()
            .at(ada, IC, "IC2")
            .since(ada, PROMOTED, IC, "IC3");

    private AggregateTestFixture<Quarter> fixture(QuarterCalendar calendar) {
        AggregateTestFixture<Quarter> fixture = new AggregateTestFixture<>(Quarter.class);
        fixture.registerInjectableResource(ShippedFramework.get());
        fixture.registerInjectableResource(people);
        fixture.registerInjectableResource(calendar);
        return fixture;
    }

    private AggregateTestFixture<Quarter> fixture() {
        return fixture(QuarterCalendar.DEFAULT);
    }

    // --- opening -----------------------------------------------------------------------------------

    @Test
    void a_quarter_further_ahead_than_the_next_cannot_be_opened() {
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2031-Q1")))
                .expectException(violates("quarter-not-yet-open"))
                .expectNoEvents();
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2027-Q2")))
                .expectException(violates("quarter-not-yet-open"))
                .expectNoEvents();
    }

    @Test
    void the_current_and_the_next_quarter_open_at_todays_level() {
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2026-Q4")))
                .expectEvents(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")));
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2027-Q1")))
                .expectEvents(new QuarterOpened(ada, quarter("2027-Q1"), IC, level("IC3"), level("IC4")));
    }

    @Test
    void a_past_quarter_opens_at_the_level_held_then() {
        // imported after the promotion of 2025-07-10: 2024-Q3 was worked at IC2, aiming at IC3
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2024-Q3")))
                .expectEvents(new QuarterOpened(ada, quarter("2024-Q3"), IC, level("IC2"), level("IC3")));
        // the quarter of the promotion ended at IC3
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2025-Q3")))
                .expectEvents(new QuarterOpened(ada, quarter("2025-Q3"), IC, level("IC3"), level("IC4")));
    }

    @Test
    void a_quarter_before_the_ledgers_earliest_cannot_be_opened() {
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("1999-Q4")))
                .expectException(violates("quarter-before-ledger"))
                .expectExceptionMessage(containsString("earliest quarter, 2000-Q1"))
                .expectNoEvents();
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("1900-Q1")))
                .expectException(violates("quarter-before-ledger"))
                .expectNoEvents();
    }

    @Test
    void the_ledgers_earliest_quarter_opens_at_the_level_held_then() {
        // before the person's history begins: the level they were registered at
        fixture().givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2000-Q1")))
                .expectEvents(new QuarterOpened(ada, quarter("2000-Q1"), IC, level("IC2"), level("IC3")));
    }

    @Test
    void the_earliest_quarter_is_a_setting() {
        QuarterCalendar from2020 = new QuarterCalendar(Duration.ofDays(14), 0, YearQuarter.parse("2020-Q1"));
        fixture(from2020).givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2019-Q4")))
                .expectException(violates("quarter-before-ledger"))
                .expectExceptionMessage(containsString("earliest quarter, 2020-Q1"))
                .expectNoEvents();
        fixture(from2020).givenCurrentTime(TODAY)
                .when(new OpenQuarter(ada, quarter("2020-Q1")))
                .expectEvents(new QuarterOpened(ada, quarter("2020-Q1"), IC, level("IC2"), level("IC3")));
    }

    @Test
    void a_quarter_opened_before_the_bound_was_set_replays_and_stays_usable() {
        // stored events replay as they are: the bound applies to opening, not to a quarter already in the record
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("1999-Q4"), IC, level("IC2"), level("IC3")))
                .when(new RecordFeedback(ada, quarter("1999-Q4"), UUID.randomUUID(), FeedbackRelationship.SELF,
                        "old times", null),
                        by(MANAGER_1))
                .expectSuccessfulHandlerExecution();
    }

    // --- assessing ---------------------------------------------------------------------------------

    @Test
    void a_quarter_that_has_not_started_cannot_be_assessed() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2027-Q1"), IC, level("IC3"), level("IC4")))
                .when(new AssessQuarter(ada, quarter("2027-Q1"), assessment, level("IC3"),
                        "a quarter not yet worked"), by(MANAGER_1))
                .expectException(violates("quarter-not-started"))
                .expectNoEvents();
    }

    @Test
    void a_running_quarter_cannot_be_assessed_before_its_closing_weeks() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")))
                .when(new AssessQuarter(ada, quarter("2026-Q4"), assessment, level("IC3"), "too early"), by(MANAGER_1))
                .expectException(violates("quarter-not-ended"))
                .expectNoEvents();
    }

    @Test
    void a_running_quarter_can_be_assessed_in_its_closing_weeks() {
        fixture().givenCurrentTime(Instant.parse("2026-12-18T00:00:00Z"))
                .andGiven(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")))
                .when(new AssessQuarter(ada, quarter("2026-Q4"), assessment, level("IC3"), "a steady quarter"),
                        by(MANAGER_1))
                .expectEvents(new QuarterAssessed(ada, quarter("2026-Q4"), assessment, level("IC3"), level("IC3"), level("IC4"), false,
                        "a steady quarter", MANAGER_1, null));
    }

    @Test
    void the_closing_weeks_are_a_setting() {
        fixture(new QuarterCalendar(Duration.ofDays(40), 0)).givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")))
                .when(new AssessQuarter(ada, quarter("2026-Q4"), assessment, level("IC3"), "a steady quarter"),
                        by(MANAGER_1))
                .expectSuccessfulHandlerExecution();
    }

    // --- evidence dates ----------------------------------------------------------------------------

    @Test
    void evidence_dated_in_another_quarter_is_refused() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q3", "IC4", LocalDate.parse("2026-02-01")))
                .expectException(invalid("occurredOn"))
                .expectNoEvents();
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q3", "IC4", LocalDate.parse("2026-10-01")))
                .expectException(invalid("occurredOn"))
                .expectNoEvents();
    }

    @Test
    void evidence_dated_within_its_quarter_is_logged() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q3", "IC4", LocalDate.parse("2026-09-30")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void evidence_dated_just_after_its_quarter_is_accepted_within_the_configured_grace() {
        fixture(new QuarterCalendar(Duration.ofDays(14), 7)).givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q3", "IC4", LocalDate.parse("2026-10-07")))
                .expectSuccessfulHandlerExecution();
        fixture(new QuarterCalendar(Duration.ofDays(14), 7)).givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q3", "IC4", LocalDate.parse("2026-10-08")))
                .expectException(invalid("occurredOn"));
    }

    @Test
    void evidence_dated_in_the_future_is_refused() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")))
                .when(evidence("2026-Q4", "IC4", LocalDate.parse("2026-12-01")))
                .expectException(invalid("occurredOn"))
                .expectNoEvents();
    }

    // --- next-level assessments rest on next-level evidence ------------------------------------------

    @Test
    void a_next_level_assessment_needs_evidence_demonstrating_the_next_level() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")), logged("2026-Q3", "IC2"))
                .when(new AssessQuarter(ada, quarter("2026-Q3"), assessment, level("IC3"), "operated at IC3"),
                        by(MANAGER_1))
                .expectException(violates("assessment-needs-evidence"))
                .expectNoEvents();
    }

    @Test
    void evidence_at_the_next_level_or_above_supports_a_next_level_assessment() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")), logged("2026-Q3", "IC4"))
                .when(new AssessQuarter(ada, quarter("2026-Q3"), assessment, level("IC3"), "operated at IC3"),
                        by(MANAGER_1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void evidence_of_the_equivalent_level_on_the_other_track_supports_it() {
        // M1 ~ IC3: work shown at M1 seniority demonstrates IC3
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")), logged("2026-Q3", "M1"))
                .when(new AssessQuarter(ada, quarter("2026-Q3"), assessment, level("IC3"), "operated at IC3"),
                        by(MANAGER_1))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void retracted_next_level_evidence_supports_nothing() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")), logged("2026-Q3", "IC3"),
                        new EvidenceRetracted(ada, quarter("2026-Q3"), win, "it was someone else's work"))
                .when(new AssessQuarter(ada, quarter("2026-Q3"), assessment, level("IC3"), "operated at IC3"),
                        by(MANAGER_1))
                .expectException(violates("assessment-needs-evidence"));
    }

    @Test
    void evidence_of_an_assessed_quarter_cannot_be_retracted_without_reopening_it() {
        // so no standing assessment is ever left resting on retracted evidence: reopening withdraws it first
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")), logged("2026-Q3", "IC3"),
                        new QuarterAssessed(ada, quarter("2026-Q3"), assessment, level("IC3"), level("IC2"), level("IC3"), true, "r", MANAGER_1, null))
                .when(new RetractEvidence(ada, quarter("2026-Q3"), win, "not ours"))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    // --- track switches ----------------------------------------------------------------------------

    @Test
    void an_open_quarter_moves_to_the_new_track_with_its_levels_mapped() {
        UUID decision = UUID.randomUUID();
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q4"), IC, level("IC3"), level("IC4")))
                .when(new MoveQuarterToTrack(ada, quarter("2026-Q4"), decision, MANAGER, level("M1")))
                .expectEvents(new QuarterMovedToTrack(ada, quarter("2026-Q4"), decision, IC, MANAGER, level("IC3"), level("M1"), level("IC4"), level("M2")));
    }

    @Test
    void an_assessed_quarter_stays_on_the_track_it_was_judged_on() {
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")),
                        new QuarterAssessed(ada, quarter("2026-Q3"), assessment, level("IC3"), level("IC3"), level("IC4"), false, "r", MANAGER_1, null))
                .when(new MoveQuarterToTrack(ada, quarter("2026-Q3"), UUID.randomUUID(), MANAGER, level("M1")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_moved_quarter_is_assessed_on_the_new_ladder() {
        UUID decision = UUID.randomUUID();
        fixture().givenCurrentTime(TODAY)
                .andGiven(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC3"), level("IC4")), logged("2026-Q3", "IC4"),
                        new QuarterMovedToTrack(ada, quarter("2026-Q3"), decision, IC, MANAGER, level("IC3"), level("M1"), level("IC4"), level("M2")))
                .when(new AssessQuarter(ada, quarter("2026-Q3"), assessment, level("M2"), "ran the team at M2"),
                        by(MANAGER_1))
                .expectEvents(new QuarterAssessed(ada, quarter("2026-Q3"), assessment, level("M2"), level("M1"), level("M2"), true,
                        "ran the team at M2", MANAGER_1, null));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private LogEvidence evidence(String quarter, String level, LocalDate occurredOn) {
        return new LogEvidence(ada, quarter(quarter), win, "Shipped the importer", null, "Halved onboarding time",
                Dimension.IMPACT, level(level), null, null, occurredOn);
    }

    private EvidenceLogged logged(String quarter, String level) {
        return new EvidenceLogged(ada, quarter(quarter), win, "Shipped the importer", null, "Halved onboarding time",
                Dimension.IMPACT, level(level), null, null, LocalDate.parse("2026-08-03"));
    }
}
