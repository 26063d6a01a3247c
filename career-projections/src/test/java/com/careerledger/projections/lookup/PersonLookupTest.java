package com.careerledger.projections.lookup;

import static com.careerledger.domain.CommandValues.level;
import static com.careerledger.domain.CommandValues.quarter;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.PersonRegistry.Standing;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static com.careerledger.domain.shared.Track.MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write side's lookups as commands check them: written as each event is handled, so the rest of the command's
 * unit of work sees them; the unique e-mail; standing over time; open quarters.
 */
@ExtendWith(ReadModelDatabase.class)
class PersonLookupTest {

    private static final Instant T = Instant.parse("2025-03-01T09:00:00.123456789Z");
    private static final FrameworkRef FRAMEWORK = new FrameworkRef("career-ladder", 1, "0".repeat(64));

    PersonLookupProjection lookup;

    @BeforeEach
    void setUp(JdbcTemplate jdbc) {
        lookup = new PersonLookupProjection(jdbc);
    }

    @Test
    void what_an_event_records_is_seen_in_the_same_unit_of_work() {
        UUID p = UUID.randomUUID();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            register(p, p + "@example.com");
            lookup.on(new QuarterOpened(p, quarter("2025-Q1"), IC, level("IC2"), level("IC3")));

            assertThat(lookup.exists(p)).isTrue();
            assertThat(lookup.isEmailTaken(p + "@example.com")).isTrue();
            assertThat(lookup.openQuartersOf(p)).containsExactly("2025-Q1");
        });
    }

    @Test
    void an_email_taken_in_another_case_is_refused_by_the_table_and_the_first_person_stays() {
        UUID first = UUID.randomUUID();
        register(first, "Ada." + first + "@Example.com");

        assertThatThrownBy(() -> register(UUID.randomUUID(), " ada." + first + "@example.COM"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(lookup.standing(first)).contains(new Standing(IC, "IC2"));
        assertThat(lookup.isEmailTaken("ADA." + first + "@example.com")).isTrue();
    }

    @Test
    void standing_over_time_follows_level_changes_and_switches_and_a_registration_delivered_again_changes_nothing() {
        UUID p = UUID.randomUUID();
        register(p, p + "@example.com");
        lookup.on(new LevelChanged(p, UUID.randomUUID(), DecisionKind.PROMOTION, level("IC2"), level("IC3"), List.of(),
                new PromotionPolicy(2), FRAMEWORK, "Sustained", null, "committee", T.plusSeconds(10)), 1);
        lookup.on(new TrackSwitched(p, UUID.randomUUID(), IC, level("IC3"), MANAGER, level("M1"), List.of(), FRAMEWORK,
                "Role change", "committee", T.plusSeconds(20)), 2);
        lookup.on(new PersonRegistered(p, "Again", "again@example.com", ENGINEERING, IC, level("IC5"), null), 0, T);

        assertThat(lookup.standingAt(p, T.minusSeconds(1))).contains(new Standing(IC, "IC2"));
        assertThat(lookup.standingAt(p, T)).contains(new Standing(IC, "IC2"));
        assertThat(lookup.standingAt(p, T.plusSeconds(10))).contains(new Standing(IC, "IC3"));
        assertThat(lookup.standingAt(p, T.plusSeconds(15))).contains(new Standing(IC, "IC3"));
        assertThat(lookup.standingAt(p, T.plusSeconds(20))).contains(new Standing(MANAGER, "M1"));
        assertThat(lookup.standing(p)).contains(new Standing(MANAGER, "M1"));
        assertThat(lookup.isEmailTaken("again@example.com")).isFalse();
    }

    @Test
    void a_level_change_of_a_person_the_lookup_does_not_have_records_nothing() {
        UUID p = UUID.randomUUID();
        lookup.on(new LevelChanged(p, UUID.randomUUID(), DecisionKind.PROMOTION, level("IC2"), level("IC3"), List.of(),
                new PromotionPolicy(2), FRAMEWORK, "Sustained", null, "committee", T), 1);

        assertThat(lookup.exists(p)).isFalse();
        assertThat(lookup.standingAt(p, T)).isEmpty();
    }

    @Test
    void a_quarter_is_open_until_assessed_and_again_when_reopened_and_opening_it_again_changes_nothing() {
        UUID p = UUID.randomUUID();
        register(p, p + "@example.com");
        lookup.on(new QuarterOpened(p, quarter("2025-Q1"), IC, level("IC2"), level("IC3")));
        lookup.on(new QuarterOpened(p, quarter("2025-Q2"), IC, level("IC2"), level("IC3")));
        lookup.on(new QuarterAssessed(p, quarter("2025-Q1"), UUID.randomUUID(), level("IC3"), level("IC2"), level("IC3"), true, "Good", "lead", null));
        assertThat(lookup.openQuartersOf(p)).containsExactly("2025-Q2");

        lookup.on(new QuarterReopened(p, quarter("2025-Q1"), "Missing evidence", "lead", null));
        lookup.on(new QuarterAssessed(p, quarter("2025-Q2"), UUID.randomUUID(), level("IC3"), level("IC2"), level("IC3"), true, "Good", "lead", null));
        lookup.on(new QuarterOpened(p, quarter("2025-Q2"), IC, level("IC2"), level("IC3")));
        assertThat(lookup.openQuartersOf(p)).containsExactly("2025-Q1");
    }

    private void register(UUID id, String email) {
        lookup.on(new PersonRegistered(id, "Person " + id, email, ENGINEERING, IC, level("IC2"), null), 0, T);
    }
}
