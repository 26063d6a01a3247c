package com.careerledger.projections.lookup;

import static com.careerledger.domain.CommandValues.level;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.storage.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.careerledger.domain.shared.Discipline.ENGINEERING;
import static com.careerledger.domain.shared.Track.IC;
import static org.assertj.core.api.Assertions.assertThat;

/** The reporting lines as the write side's lookup answers them, on the real schema: up and down, to any depth. */
class ReportingLinesTest {

    @TempDir
    static Path dir;
    static EmbeddedPostgres pg;
    static PersonLookupProjection lookup;

    @BeforeAll
    static void startDatabase() {
        pg = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(dir.resolve("pg"), true, false, 0, "reporting_lines"));
        DriverManagerDataSource db = new DriverManagerDataSource(pg.jdbcUrl(), pg.username(), pg.password());
        Flyway.configure().dataSource(db).load().migrate();
        lookup = new PersonLookupProjection(new JdbcTemplate(db));
    }

    @AfterAll
    static void stopDatabase() {
        pg.close();
    }

    @Test
    void a_manager_manages_their_reports_and_their_reports_reports_not_the_other_way_round() {
        UUID boss = person(null);
        UUID lead = person(boss);
        UUID ada = person(lead);
        UUID stranger = person(null);

        assertThat(lookup.manages(lead, ada)).isTrue();
        assertThat(lookup.manages(boss, ada)).isTrue();
        assertThat(lookup.manages(ada, boss)).isFalse();
        assertThat(lookup.manages(stranger, ada)).isFalse();
        assertThat(lookup.manages(ada, ada)).isFalse();
        assertThat(lookup.below(boss)).containsExactlyInAnyOrder(lead, ada);
        assertThat(lookup.below(ada)).isEmpty();
    }

    @Test
    void a_new_manager_takes_the_line_with_them() {
        UUID boss = person(null);
        UUID other = person(null);
        UUID ada = person(boss);

        lookup.on(new ManagerAssigned(ada, other, boss));

        assertThat(lookup.manages(boss, ada)).isFalse();
        assertThat(lookup.manages(other, ada)).isTrue();
        assertThat(lookup.below(boss)).isEmpty();
    }

    @Test
    void a_line_is_followed_to_its_top_however_long() {
        List<UUID> line = new ArrayList<>();
        line.add(person(null));
        for (int i = 1; i < 100; i++) {
            line.add(person(line.get(i - 1)));
        }

        assertThat(lookup.manages(line.get(0), line.get(99))).isTrue();
        assertThat(lookup.below(line.get(0))).hasSize(99);
    }

    @Test
    void a_stored_cycle_ends_the_walk_instead_of_looping() {
        UUID grace = person(null);
        UUID linus = person(grace);
        lookup.on(new ManagerAssigned(grace, linus, null)); // raced past the domain's check
        UUID ada = person(grace);

        assertThat(lookup.manages(linus, ada)).isTrue();
        assertThat(lookup.manages(ada, grace)).isFalse();
        assertThat(lookup.manages(grace, grace)).isFalse();
        assertThat(lookup.below(grace)).containsExactlyInAnyOrder(linus, ada);
    }

    private static UUID person(UUID managerId) {
        UUID id = UUID.randomUUID();
        lookup.on(new PersonRegistered(id, "Person " + id, id + "@example.com", ENGINEERING, IC, level("IC2"), managerId), 0,
                Instant.now());
        return id;
    }
}
