package com.careerledger.domain.quarter;

import static com.careerledger.domain.CommandValues.level;
import com.careerledger.domain.shared.NotFoundException;
import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static com.careerledger.domain.CommandValues.quarter;
import static com.careerledger.domain.quarter.QuarterFixtures.MANAGER_1;
import static com.careerledger.domain.quarter.QuarterFixtures.by;
import static com.careerledger.domain.quarter.QuarterFixtures.invalid;
import static com.careerledger.domain.quarter.QuarterFixtures.violates;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuarterOpeningTest {

    private final UUID ada = UUID.randomUUID();
    private final UUID linus = UUID.randomUUID();
    private final UUID grace = UUID.randomUUID();
    private final UUID margaret = UUID.randomUUID();
    private final UUID nobody = UUID.randomUUID();
    private AggregateTestFixture<Quarter> fixture;

    @BeforeEach
    void setUp() {
        fixture = QuarterFixtures.fixture(new KnownPeople()
                .at(ada, IC, "IC2")
                .at(linus, IC, "IC6")
                .at(grace, MANAGER, "M1")
                .at(margaret, MANAGER, "M3"));
    }

    @Test
    void the_quarter_opens_at_the_level_held_with_the_next_level_as_target() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(ada, quarter("2026-Q3")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")));
    }

    @Test
    void a_manager_aims_at_the_next_level_of_the_manager_track() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(grace, quarter("2026-Q3")))
                .expectEvents(new QuarterOpened(grace, quarter("2026-Q3"), MANAGER, level("M1"), level("M2")));
    }

    @Test
    void at_the_top_of_the_ic_track_there_is_no_target_level() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(linus, quarter("2026-Q3")))
                .expectEvents(new QuarterOpened(linus, quarter("2026-Q3"), IC, level("IC6"), null));
    }

    @Test
    void at_the_top_of_the_manager_track_there_is_no_target_level() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(margaret, quarter("2026-Q3")))
                .expectEvents(new QuarterOpened(margaret, quarter("2026-Q3"), MANAGER, level("M3"), null));
    }

    @Test
    void one_quarter_per_person_per_quarter() {
        fixture.given(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")))
                .when(new OpenQuarter(ada, quarter("2026-Q3")))
                .expectException(violates("quarter-already-open"))
                .expectNoEvents();
    }

    @Test
    void one_quarter_per_person_per_quarter_also_once_it_is_assessed() {
        fixture.given(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")),
                        new QuarterAssessed(ada, quarter("2026-Q3"), UUID.randomUUID(), level("IC2"), level("IC2"), level("IC3"), false,
                                "solid IC2 quarter", MANAGER_1, null))
                .when(new OpenQuarter(ada, quarter("2026-Q3")), by(MANAGER_1))
                .expectException(violates("quarter-already-open"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-q1", "Q1-2026", "2026-Q3x"})
    void a_badly_written_quarter_is_refused_before_any_command_carries_it(String text) {
        assertThatThrownBy(() -> YearQuarter.parse(text))
                .satisfies(e -> assertThat(invalid("quarter").matches(e)).isTrue());
    }

    @Test
    void an_opening_that_names_no_quarter_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(ada, null))
                .expectException(invalid("quarter"))
                .expectNoEvents();
    }

    @Test
    void a_quarter_is_written_one_way() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(ada, quarter(" 2026-Q3 ")))
                .expectEvents(new QuarterOpened(ada, quarter("2026-Q3"), IC, level("IC2"), level("IC3")));
        assertThat(Quarter.idOf(ada, quarter(" 2026-Q3 "))).isEqualTo(ada + "/2026-Q3");
        assertThat(new OpenQuarter(ada, quarter(" 2026-Q3 ")).quarterId()).isEqualTo(ada + "/2026-Q3");
    }

    @Test
    void the_id_of_a_quarter_needs_a_person_and_a_quarter() {
        assertThatThrownBy(() -> Quarter.idOf(null, quarter("2026-Q3"))).satisfies(e -> assertThat(invalid("personId").matches(e)).isTrue());
        assertThatThrownBy(() -> Quarter.idOf(ada, null)).satisfies(e -> assertThat(invalid("quarter").matches(e)).isTrue());
    }

    @Test
    void opening_for_an_unknown_person_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(nobody, quarter("2026-Q3")))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void opening_without_a_person_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new OpenQuarter(null, quarter("2026-Q3")))
                .expectException(invalid("personId"))
                .expectNoEvents();
    }
}
