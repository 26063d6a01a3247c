package com.careerledger.api.admin;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild on a store without a single event (a new installation: the first thing an operator may try) switches in
 * like any other; the processor, which has handled nothing yet, has no position to compare with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "career.test.isolated-database=empty-store-rebuild")
class EmptyStoreRebuildTest {

    @LocalServerPort
    int port;

    @Test
    void a_rebuild_of_an_empty_store_switches_in() {
        Http http = new Http(port);
        Http.Response started = http.post("/api/admin/projections/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        String startedAt = ReadModels.rebuildStartedAt(started.json());

        JsonNode directory = Eventually.await("the rebuild ended", () -> http.get("/api/admin/projections/directory").json(),
                s -> s.hasNonNull("lastRebuild") && s.get("lastRebuild").get("startedAt").asText().equals(startedAt),
                Duration.ofSeconds(60));

        assertThat(directory.get("lastRebuild").get("outcome").asText()).as(directory.toString()).isEqualTo("SWITCHED");
        assertThat(http.get("/api/people").json().get("total").asLong()).isZero();
    }
}
