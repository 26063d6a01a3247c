package com.careerledger.api.admin;

import com.careerledger.projections.ReadModelGroups;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view that cannot catch up is never shown stale: reads say 503 and retry, writes say 202 stored. A database of
 * its own ({@code career.db.embedded.database}): it stops a read model, which no other test may meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"career.read-your-writes.timeout=2s",
        "career.db.embedded.database=read_model_behind"})
class ReadModelBehindTest {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void while_the_quarter_read_model_is_stopped_reads_answer_503_and_writes_202() {
        CareerStories stories = new CareerStories(port);
        Http http = stories.http();
        String ada = stories.register("Ada Behind", "IC", "IC2");
        stories.open(ada, "2026-Q1");
        // every read model runs in one processor: stopping it stops the quarters read model too
        var quarters = processing.eventProcessor(ReadModelGroups.PROCESSOR).orElseThrow();
        quarters.shutDown();
        try {
            Http.Response write = http.post("/api/people/" + ada + "/quarters/2026-Q1/goals",
                    "{\"title\":\"Own checkout\",\"dimension\":\"SCOPE\",\"measure\":\"Shipped\"}");
            assertThat(write.status()).isEqualTo(202);
            assertThat(write.json().get("stored").asBoolean()).isTrue();

            Http.Response read = http.get("/api/people/" + ada + "/quarters/2026-Q1");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.header("Retry-After")).isNotBlank();
            assertThat(read.json().get("type").asText()).endsWith("/problems/read-model-catching-up");
        } finally {
            quarters.start();
        }
        // once it runs again it catches up: the same read answers 200 with the goal (the restart itself may take
        // longer than this test's short read-your-writes timeout on a loaded machine)
        Http.Response caughtUp = Eventually.await("the quarter read model caught up",
                () -> http.get("/api/people/" + ada + "/quarters/2026-Q1"), r -> r.status() == 200);
        assertThat(caughtUp.json().get("goals")).hasSize(1);
    }
}
