package com.careerledger.api.admin;

import com.careerledger.api.testsupport.Http;
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

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild asked of an instance while another one holds the read models' claim is refused with 409
 * {@code projection-busy}, and this instance goes on processing once the claim is free.
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

    @Test
    void a_rebuild_while_another_instance_holds_the_claim_is_409_projection_busy() {
        Http http = new Http(port);
        var readModels = processing.eventProcessor(ReadModelGroups.PROCESSOR).orElseThrow();
        readModels.shutDown(); // releases this instance's claims
        int claimed = jdbc.update("UPDATE token_entry SET owner = 'another-instance', timestamp = ? WHERE processor_name = ?",
                DateTimeUtils.formatInstant(Instant.now()), ReadModelGroups.PROCESSOR);
        assertThat(claimed).isPositive();
        try {
            Http.Response refused = http.post("/api/admin/projections/directory/rebuild", "");

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asText()).isEqualTo("/problems/projection-busy");
            assertThat(problem.get("title").asText()).isEqualTo("Refused by a rule");
            assertThat(problem.get("status").asInt()).isEqualTo(409);
            assertThat(problem.get("detail").asText()).isEqualTo("projection directory is being processed by another "
                    + "instance; stop it there or retry when its claim expires");
        } finally {
            jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ?", ReadModelGroups.PROCESSOR);
            readModels.start(); // already started again by the refused rebuild; a no-op then
        }
        assertThat(readModels.isRunning()).isTrue();
    }
}
