package com.careerledger.api.admin;

import com.careerledger.api.testsupport.BulkImport;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild of 100,000 events shows its progress while it runs. The events are written straight into the
 * event store (as a bulk import would), in a database of this test's own ({@code career.db.embedded.database}):
 * no other test's rebuild or comparison meets its 100,000 people.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"career.db.embedded.database=rebuild_progress",
        // finer steps for the position to advance by, and no spare threads competing for connections
        "career.processing.batch-size=50", "career.processing.threads=1"})
class RebuildProgressTest {

    static final int EVENTS = 100_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    @Test
    void progress_of_a_rebuild_of_100k_events_is_visible_while_it_runs() {
        // the read models stop before the bulk import, so that it reaches them only with the rebuild below
        processing.eventProcessors().values().forEach(org.axonframework.eventhandling.EventProcessor::shutDown);
        BulkImport.people(jdbc, EVENTS);
        Http http = new Http(port);

        Http.Response started = http.post("/api/admin/projections/directory/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.header("Location")).endsWith("/api/admin/projections/directory");

        List<JsonNode> seen = new ArrayList<>();
        JsonNode last = Eventually.await("the rebuild to finish", () -> {
            JsonNode status = http.get("/api/admin/projections/directory").json();
            seen.add(status);
            return status;
        }, s -> "LIVE".equals(s.get("state").asText()) && s.get("lag").asLong() == 0, Duration.ofMinutes(5));

        List<JsonNode> during = seen.stream().filter(s -> "REBUILDING".equals(s.get("state").asText())).toList();
        assertThat(during).as("observations while rebuilding").isNotEmpty();
        JsonNode midway = during.stream().filter(s -> {
            JsonNode r = s.get("rebuild");
            return r.get("done").asLong() > 0 && r.get("done").asLong() < r.get("total").asLong();
        }).findFirst().orElseThrow(() -> new AssertionError("no observation part-way through: " + during));
        assertThat(midway.get("rebuild").get("total").asLong()).isGreaterThanOrEqualTo(EVENTS);
        assertThat(midway.get("rebuild").get("percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(midway.get("rebuild").get("startedAt").asText()).isNotBlank();
        // progress only moves forward; the speed and the time left are computed from timed samples (ReplaySpeedTest):
        // here, whatever the machine's speed, an estimate is shown exactly when a speed is
        assertThat(during).extracting(s -> s.get("rebuild").get("done").asLong()).isSorted();
        assertThat(during).allSatisfy(s -> {
            JsonNode r = s.get("rebuild");
            assertThat(r.get("eventsPerSecond").asLong()).isNotNegative();
            assertThat(r.hasNonNull("etaSeconds")).as("%s", r).isEqualTo(r.get("eventsPerSecond").asLong() > 0);
        });
        assertThat(last.get("position").asLong()).isEqualTo(last.get("head").asLong());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM directory_person", Long.class)).isGreaterThanOrEqualTo(EVENTS);
    }
}
