package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.Dimension.IMPACT;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.by;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;

class QuarterAssessmentTest {

    private static final YearQuarter Q3 = quarter("2026-Q3");
    private final UUID ada = UUID.randomUUID();
    private final UUID linus = UUID.randomUUID();
    private final UUID win = UUID.randomUUID();
    private final UUID otherWin = UUID.randomUUID();
    private final UUID assessment = UUID.randomUUID();
    private final UUID amendment = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople().at(ada, IC, "IC2").at(linus, IC, "IC6"));
    }

    @Test
    void an_assessment_at_the_current_level_needs_no_evidence() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC2"), " solid IC2 quarter "),
                        by(MANAGER_1))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new QuarterAssessed(ada, Q3, assessment, level("IC2"), level("IC2"), level("IC3"), false, "solid IC2 quarter",
                        MANAGER_1, null));
    }

    @Test
    void a_next_level_assessment_needs_evidence() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC3"), "operated at IC3"), by(MANAGER_1))
                .expectException(violates("assessment-needs-evidence"))
                .expectNoEvents();
    }

    @Test
    void a_next_level_assessment_needs_evidence_that_is_not_retracted() {
        fixture.given(opened(), logged(win), logged(otherWin),
                        new EvidenceRetracted(ada, Q3, win, "not hers"),
                        new EvidenceRetracted(ada, Q3, otherWin, "double-counted"))
                .when(new AssessQuarter(ada, Q3, assessment, level("IC3"), "operated at IC3"), by(MANAGER_1))
                .expectException(violates("assessment-needs-evidence"))
                .expectNoEvents();
    }

    @Test
    void an_assessment_above_the_next_level_needs_evidence_too() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC4"), "operated at IC4"), by(MANAGER_1))
                .expectException(violates("assessment-needs-evidence"))
                .expectNoEvents();
    }

    @Test
    void a_next_level_assessment_with_standing_evidence_is_at_the_next_level() {
        fixture.given(opened(), logged(win), logged(otherWin), new EvidenceRetracted(ada, Q3, win, "not hers"))
                .when(new AssessQuarter(ada, Q3, assessment, level("IC3"), "operated at IC3"), by(MANAGER_1))
                .expectEvents(new QuarterAssessed(ada, Q3, assessment, level("IC3"), level("IC2"), level("IC3"), true, "operated at IC3",
                        MANAGER_1, null));
    }

    @Test
    void at_the_top_of_a_track_no_assessment_is_at_the_next_level() {
        fixture.given(new QuarterOpened(linus, Q3, IC, level("IC6"), null))
                .when(new AssessQuarter(linus, Q3, assessment, level("IC6"), "principal-level quarter"),
                        by(MANAGER_1))
                .expectEvents(new QuarterAssessed(linus, Q3, assessment, level("IC6"), level("IC6"), null, false,
                        "principal-level quarter", MANAGER_1, null));
    }

    @Test
    void the_operating_level_is_on_the_track_of_the_level_held() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("M1"), "leads people"), by(MANAGER_1))
                .expectException(invalid("operatingLevel"))
                .expectNoEvents();
    }

    @Test
    void an_unknown_operating_level_is_refused() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC9"), "off the charts"), by(MANAGER_1))
                .expectException(invalid("operatingLevel"))
                .expectNoEvents();
    }

    @Test
    void an_assessment_needs_a_rationale() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC2"), " "), by(MANAGER_1))
                .expectException(invalid("rationale"))
                .expectNoEvents();
    }

    @Test
    void the_assessor_is_taken_from_metadata_not_from_the_command() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC2"), "steady"), by("committee-7"))
                .expectEvents(new QuarterAssessed(ada, Q3, assessment, level("IC2"), level("IC2"), level("IC3"), false, "steady",
                        "committee-7", null));
    }

    @Test
    void an_assessment_without_an_authenticated_assessor_is_refused() {
        fixture.given(opened())
                .when(new AssessQuarter(ada, Q3, assessment, level("IC2"), "steady"))
                .expectException(invalid("actor"))
                .expectNoEvents();
    }

    @Test
    void an_assessed_quarter_is_not_assessed_again_without_reopening() {
        fixture.given(opened(), assessedAt("IC2"))
                .when(new AssessQuarter(ada, Q3, amendment, level("IC2"), "again"), by(MANAGER_1))
                .expectException(violates("quarter-closed"))
                .expectNoEvents();
    }

    @Test
    void reopening_needs_a_reason() {
        fixture.given(opened(), assessedAt("IC2"))
                .when(new ReopenQuarter(ada, Q3, "  "), by(MANAGER_1))
                .expectException(invalid("reason"))
                .expectNoEvents();
    }

    @Test
    void reopening_an_open_quarter_is_refused() {
        fixture.given(opened())
                .when(new ReopenQuarter(ada, Q3, "second look"), by(MANAGER_1))
                .expectException(violates("quarter-not-assessed"))
                .expectNoEvents();
    }

    @Test
    void reopening_names_who_reopened_and_the_assessment_to_amend() {
        fixture.given(opened(), assessedAt("IC2"))
                .when(new ReopenQuarter(ada, Q3, " the migration evidence was missed "), by("committee-7"))
                .expectEvents(new QuarterReopened(ada, Q3, "the migration evidence was missed", "committee-7", assessment));
    }

    @Test
    void an_amendment_replaces_the_outcome() {
        fixture.given(opened(), logged(win), assessedAt("IC2"),
                        new QuarterReopened(ada, Q3, "the migration evidence was missed", MANAGER_1, assessment))
                .when(new AssessQuarter(ada, Q3, amendment, level("IC3"),
                        "with the migration, an IC3 quarter"), by(MANAGER_1))
                .expectEvents(new QuarterAssessed(ada, Q3, amendment, level("IC3"), level("IC2"), level("IC3"), true,
                        "with the migration, an IC3 quarter", MANAGER_1, assessment));
    }

    @Test
    void an_amendment_is_a_new_assessment() {
        fixture.given(opened(), assessedAt("IC2"),
                        new QuarterReopened(ada, Q3, "second look", MANAGER_1, assessment))
                .when(new AssessQuarter(ada, Q3, assessment, level("IC2"), "same again"), by(MANAGER_1))
                .expectException(violates("assessment-exists"))
                .expectNoEvents();
    }

    // --- the story so far ---------------------------------------------------------------------------

    private QuarterOpened opened() {
        return new QuarterOpened(ada, Q3, IC, level("IC2"), level("IC3"));
    }

    private EvidenceLogged logged(UUID evidenceId) {
        return new EvidenceLogged(ada, Q3, evidenceId, "Led the billing migration", null, "zero downtime", IMPACT,
                level("IC3"), null, null, LocalDate.of(2026, 8, 3));
    }

    private QuarterAssessed assessedAt(String level) {
        return new QuarterAssessed(ada, Q3, assessment, level(level), level("IC2"), level("IC3"), false, "steady", MANAGER_1, null);
    }
}
