package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.careerledger.api.testsupport.CareerStories.ids;
import static com.careerledger.api.testsupport.CareerStories.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reopened quarter's assessment no longer stands (QuarterOutcomeWithdrawn): the quarter leaves the sustained
 * record until it is assessed again, and the directory, the readiness board and the performance history say so at
 * once — the same answer a promotion request gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReopenedQuarterReadModelsTest {

    @LocalServerPort
    int port;
    CareerStories steps;

    @BeforeEach
    void setUp() {
        steps = new CareerStories(port);
    }

    @Test
    void a_reopened_quarter_leaves_the_sustained_record_and_readiness_follows_everywhere_at_once() {
        String manager = steps.register("MANAGER", "M2");
        String ada = steps.register("Robin", "ENGINEERING", "IC", "IC2", manager);
        steps.quarterAt(ada, "2025-Q1", "IC3");
        steps.quarterAt(ada, "2025-Q2", "IC3");
        String board = "/api/readiness?managerId=" + manager;
        String readyInDirectory = "/api/people?readiness=READY&managerId=" + manager;

        JsonNode ready = steps.performanceHistory(ada);
        assertThat(ready.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(ready.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(steps.person(ada).get("readiness").asText()).isEqualTo("READY");
        steps.await("ada on the readiness board", board, page -> ids(page).contains(ada));
        assertThat(ids(steps.get(readyInDirectory))).contains(ada);

        steps.reopen(ada, "2025-Q2");

        // read-your-writes: the withdrawal is a Person event of the reopening's transaction, so these answer at once
        JsonNode reopened = steps.performanceHistory(ada);
        JsonNode q2 = line(reopened, "2025-Q2");
        assertThat(q2.get("operatingLevel").isNull()).as("no standing assessment: %s", q2).isTrue();
        assertThat(q2.get("atNextLevel").asBoolean()).as("not at the next level: %s", q2).isFalse();
        assertThat(q2.get("assessedLevel").isNull()).isTrue();
        assertThat(line(reopened, "2025-Q1").get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(reopened.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(reopened.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(reopened.get("readiness").get("reason").asText()).contains("only 1 assessed quarter");
        assertThat(steps.person(ada).get("readiness").asText()).isEqualTo("NOT_YET");
        steps.await("ada off the readiness board", board, page -> !ids(page).contains(ada));
        assertThat(ids(steps.get(readyInDirectory))).doesNotContain(ada);
        assertThat(ids(steps.get("/api/people?readiness=NOT_YET&managerId=" + manager))).contains(ada);
        // and the write side agrees: no promotion may cite the withdrawn quarter
        assertThat(steps.http().post("/api/people/" + ada + "/promotions",
                "{\"targetLevel\":\"IC3\",\"rationale\":\"Sustained\"}").status()).isEqualTo(409);

        // re-assessing brings it back, everywhere
        steps.assess(ada, "2025-Q2", "IC3");

        JsonNode reassessed = steps.performanceHistory(ada);
        assertThat(line(reassessed, "2025-Q2").get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(line(reassessed, "2025-Q2").get("atNextLevel").asBoolean()).isTrue();
        assertThat(reassessed.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(reassessed.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(steps.person(ada).get("readiness").asText()).isEqualTo("READY");
        steps.await("ada back on the readiness board", board, page -> ids(page).contains(ada));
        assertThat(ids(steps.get(readyInDirectory))).contains(ada);
    }

    @Test
    void a_reopened_quarter_re_assessed_lower_keeps_the_person_off_the_board() {
        String manager = steps.register("MANAGER", "M2");
        String bo = steps.register("Robin", "ENGINEERING", "IC", "IC2", manager);
        steps.quarterAt(bo, "2025-Q3", "IC3");
        steps.quarterAt(bo, "2025-Q4", "IC3");
        steps.await("bo on the readiness board", "/api/readiness?managerId=" + manager, page -> ids(page).contains(bo));

        steps.reopen(bo, "2025-Q3");
        steps.assess(bo, "2025-Q3", "IC2");

        JsonNode h = steps.performanceHistory(bo);
        assertThat(line(h, "2025-Q3").get("operatingLevel").asText()).isEqualTo("IC2");
        assertThat(line(h, "2025-Q3").get("atNextLevel").asBoolean()).isFalse();
        assertThat(h.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(h.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(steps.person(bo).get("readiness").asText()).isEqualTo("NOT_YET");
        steps.await("bo off the readiness board", "/api/readiness?managerId=" + manager,
                page -> !ids(page).contains(bo));
    }
}
