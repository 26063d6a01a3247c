package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.careerledger.api.testsupport.CareerStories.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quarters across a track switch, in the performance history and the quarter view: a quarter assessed on the other
 * track shows the level it counts at and the level it was assessed at ("IC4 (mapped to M2)"); a quarter still open
 * at the switch moves to the new track (QuarterMovedToTrack) and counts toward the new next level; and a quarter
 * shows the level held in it, not today's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MappedQuartersHistoryTest {

    @LocalServerPort
    int port;
    CareerStories steps;

    @BeforeEach
    void setUp() {
        steps = new CareerStories(port);
    }

    @Test
    void a_quarter_assessed_before_a_track_switch_shows_its_mapped_level_and_counts_toward_the_new_next_level() {
        String lee = steps.register("IC", "IC3");
        steps.quarterAt(lee, "2025-Q3", "IC4");

        steps.switchTrack(lee, "MANAGER");

        JsonNode h = steps.performanceHistory(lee);
        assertThat(h.get("track").asText()).isEqualTo("MANAGER");
        assertThat(h.get("level").asText()).isEqualTo("M1");
        assertThat(h.get("nextLevel").asText()).isEqualTo("M2");
        JsonNode q3 = line(h, "2025-Q3");
        assertThat(q3.get("operatingLevel").asText()).as("the level it counts at: %s", q3).isEqualTo("M2");
        assertThat(q3.get("assessedLevel").asText()).isEqualTo("IC4");
        assertThat(q3.get("mapped").asText()).isEqualTo("IC4 (mapped to M2)");
        assertThat(q3.get("atNextLevel").asBoolean()).isTrue();
        assertThat(q3.get("levelHeld").asText()).as("held on the IC track then").isEqualTo("IC3");
        assertThat(h.get("nextLevelStreak").asInt()).isEqualTo(1);
        assertThat(h.get("readiness").get("reason").asText()).contains("2025-Q3 at M2");
    }

    @Test
    void an_open_quarter_moves_with_a_track_switch_and_counts_toward_the_new_next_level() {
        String kim = steps.register("IC", "IC3");
        steps.quarterAt(kim, "2025-Q4", "IC4");
        steps.open(kim, "2026-Q1");
        steps.evidence(kim, "2026-Q1", "Work at IC4", "IC4");
        JsonNode before = steps.quarter(kim, "2026-Q1");
        assertThat(before.get("track").asText()).isEqualTo("IC");
        assertThat(before.get("levelHeld").asText()).isEqualTo("IC3");
        assertThat(before.get("targetLevel").asText()).isEqualTo("IC4");

        steps.switchTrack(kim, "MANAGER");

        // the quarter view and the performance history both show the quarter on the new ladder
        JsonNode moved = steps.quarter(kim, "2026-Q1");
        assertThat(moved.get("track").asText()).isEqualTo("MANAGER");
        assertThat(moved.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(moved.get("targetLevel").asText()).isEqualTo("M2");
        assertThat(moved.get("status").asText()).isEqualTo("OPEN");
        JsonNode listed = steps.get("/api/people/" + kim + "/quarters").get("items").get(0);
        assertThat(listed.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(listed.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(listed.get("targetLevel").asText()).isEqualTo("M2");
        JsonNode open = line(steps.performanceHistory(kim), "2026-Q1");
        assertThat(open.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(open.get("targetLevel").asText()).isEqualTo("M2");
        assertThat(open.get("operatingLevel").isNull()).isTrue();

        // assessed on the manager ladder (its IC4 evidence shows M2), it counts toward M2 with the mapped quarter
        steps.assess(kim, "2026-Q1", "M2");

        JsonNode h = steps.performanceHistory(kim);
        JsonNode q1 = line(h, "2026-Q1");
        assertThat(q1.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("M2");
        assertThat(q1.get("assessedLevel").asText()).isEqualTo("M2");
        assertThat(q1.get("mapped").isNull()).isTrue();
        assertThat(q1.get("atNextLevel").asBoolean()).isTrue();
        JsonNode q4 = line(h, "2025-Q4");
        assertThat(q4.get("mapped").asText()).isEqualTo("IC4 (mapped to M2)");
        assertThat(q4.get("atNextLevel").asBoolean()).isTrue();
        assertThat(h.get("nextLevelStreak").asInt()).isEqualTo(2);
        assertThat(h.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(steps.person(kim).get("readiness").asText()).isEqualTo("READY");
        JsonNode view = steps.quarter(kim, "2026-Q1");
        assertThat(view.get("assessment").get("operatingLevel").asText()).isEqualTo("M2");
        assertThat(view.get("assessment").get("atNextLevel").asBoolean()).isTrue();
    }

    @Test
    void a_quarter_back_filled_after_a_promotion_shows_the_level_held_in_it() {
        String cy = steps.register("IC", "IC2");
        steps.quarterAt(cy, "2025-Q2", "IC3");
        steps.quarterAt(cy, "2025-Q3", "IC3");
        steps.promote(cy, "IC3");

        // imported history: a quarter before the promotion, opened and assessed after it
        steps.quarterAt(cy, "2025-Q1", "IC2");

        JsonNode h = steps.performanceHistory(cy);
        JsonNode q1 = line(h, "2025-Q1");
        assertThat(q1.get("levelHeld").asText()).as("held then, not today's IC3").isEqualTo("IC2");
        assertThat(q1.get("targetLevel").asText()).isEqualTo("IC3");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("IC2");
        assertThat(q1.get("atNextLevel").asBoolean()).isFalse();
        assertThat(h.get("level").asText()).isEqualTo("IC3");
        // the outcome the Person recorded says the same
        JsonNode recorded = null;
        for (JsonNode e : steps.get("/api/people/" + cy + "/events?size=200").get("items")) {
            if (e.get("type").asText().equals("QuarterOutcomeRecorded")
                    && e.get("payload").get("quarter").asText().equals("2025-Q1")) {
                recorded = e.get("payload");
            }
        }
        assertThat(recorded).isNotNull();
        assertThat(recorded.get("levelHeld").asText()).isEqualTo("IC2");
    }
}
