package com.careerledger.api.admin;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.projections.ReadModelGroups;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilds and other instances: a rebuild switches in even while another instance holds the read models' claim
 * (the switch takes it: the rebuilt tables and the processor's position must change together), and a rebuild asked
 * for while another instance runs one is refused with 409 {@code projection-busy}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "career.test.isolated-database=projection-busy")
class ProjectionBusyTest {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void a_rebuild_while_another_instance_holds_the_claim_switches_in_and_takes_the_claim() {
        CareerStories stories = new CareerStories(port);
        Http http = stories.http();
        String before = stories.register("IC2");
        var readModels = processing.eventProcessor(ReadModelGroups.PROCESSOR).orElseThrow();
        readModels.shutDown(); // releases this instance's claims
        int claimed = jdbc.update("UPDATE token_entry SET owner = 'another-instance', timestamp = ? WHERE processor_name = ?",
                DateTimeUtils.formatInstant(Instant.now()), ReadModelGroups.PROCESSOR);
        assertThat(claimed).isPositive();
        readModels.start(); // waits for the claim, which the other instance keeps

        Http.Response started = http.post("/api/admin/projections/directory/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        String startedAt = ReadModels.rebuildStartedAt(started.json());

        JsonNode done = Eventually.await("the rebuild ended", () -> http.get("/api/admin/projections/directory").json(),
                s -> s.hasNonNull("lastRebuild") && s.get("lastRebuild").get("startedAt").asText().equals(startedAt),
                Duration.ofSeconds(60));
        assertThat(done.get("lastRebuild").get("outcome").asText()).isEqualTo("SWITCHED");
        assertThat(jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                ReadModelGroups.PROCESSOR)).as("the switch took the claim").doesNotContain("another-instance");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM directory_person WHERE person_id = ?::uuid", Long.class,
                before)).isEqualTo(1);
        // and this instance processes what comes next
        String after = stories.register("IC3");
        Eventually.await("the person registered after the switch in the directory",
                () -> http.get("/api/people/" + after).status(), s -> s == 200);
        assertThat(readModels.isRunning()).isTrue();
    }

    @Test
    void a_rebuild_while_another_instance_runs_one_is_409_projection_busy() throws Exception {
        Http http = new Http(port);
        try (Connection other = dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement(
                     "SELECT pg_advisory_lock(hashtext('career-ledger rebuild ' || current_schema()))")) {
            lock.execute(); // what a rebuild on another instance holds while it runs

            Http.Response refused = http.post("/api/admin/projections/directory/rebuild", "");

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asText()).isEqualTo("/problems/projection-busy");
            assertThat(problem.get("title").asText()).isEqualTo("Refused by a rule");
            assertThat(problem.get("status").asInt()).isEqualTo(409);
            assertThat(problem.get("detail").asText()).isEqualTo("a rebuild of read models is running on another "
                    + "instance; retry when it has ended");
            // a pooled connection outlives close(): its session, and the lock, would stay
            other.prepareStatement("SELECT pg_advisory_unlock_all()").execute();
        }
        assertThat(http.post("/api/admin/projections/directory/rebuild", "").status())
                .as("once the other rebuild has ended").isEqualTo(202);
    }
}
