package com.careerledger.api.history;

import com.careerledger.api.testsupport.CareerStories;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point-in-time history tells what was known at an instant, to the millisecond: a decision from its own
 * {@code decidedAt}, a reopened quarter out of the sustained record from the instant it was reopened, an open
 * quarter on the track it was moved to, and a mapped outcome at the level it counted at then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointInTimeTruthTest {

    @LocalServerPort
    int port;
    CareerStories steps;

    @BeforeEach
    void setUp() {
        steps = new CareerStories(port);
    }

    private JsonNode asOf(String person, Instant instant) {
        return steps.get("/api/people/" + person + "/history?asOf=" + instant);
    }

    private static JsonNode quarter(JsonNode history, String quarter) {
        for (JsonNode q : history.get("quarters")) {
            if (q.get("quarter").asText().equals(quarter)) {
                return q;
            }
        }
        throw new AssertionError("no " + quarter + " in " + history);
    }

    /** The stored timestamp of the first event of {@code type} in the person's streams. */
    private Instant storedAt(String person, String type) {
        for (JsonNode e : steps.get("/api/people/" + person + "/events?size=200").get("items")) {
            if (e.get("type").asText().equals(type)) {
                return Instant.parse(e.get("timestamp").asText());
            }
        }
        throw new AssertionError("no " + type + " stored for " + person);
    }

    private static boolean toTheMillisecond(Instant at) {
        return at.getNano() % 1_000_000 == 0;
    }

    @Test
    void a_promotion_is_known_at_its_own_decidedAt_and_not_a_millisecond_before() {
        String ada = steps.register("IC", "IC2");
        steps.quarterAt(ada, "2025-Q1", "IC3");
        steps.quarterAt(ada, "2025-Q2", "IC3");

        JsonNode decision = steps.promote(ada, "IC3");
        Instant decidedAt = Instant.parse(decision.get("decidedAt").asText());

        // one precision from command to event to view; the event is stored when its transaction commits, a little
        // after the decision was taken, and is known from the decision's instant all the same
        assertThat(toTheMillisecond(decidedAt)).as("decidedAt %s", decidedAt).isTrue();
        Instant stored = storedAt(ada, "LevelChanged");
        assertThat(toTheMillisecond(stored)).isTrue();
        assertThat(stored).isAfterOrEqualTo(decidedAt);

        JsonNode at = asOf(ada, decidedAt);
        assertThat(at.get("level").asText()).isEqualTo("IC3");
        assertThat(at.get("decisions")).hasSize(1);
        assertThat(at.get("decisions").get(0).get("decisionId").asText()).isEqualTo(decision.get("decisionId").asText());
        assertThat(Instant.parse(at.get("decisions").get(0).get("decidedAt").asText())).isEqualTo(decidedAt);
        assertThat(at.get("readiness").get("nextLevel").asText()).isEqualTo("IC4");

        JsonNode justBefore = asOf(ada, decidedAt.minusMillis(1));
        assertThat(justBefore.get("level").asText()).isEqualTo("IC2");
        assertThat(justBefore.get("decisions")).isEmpty();
        assertThat(justBefore.get("readiness").get("status").asText()).isEqualTo("READY");

        // an instant finer than a millisecond is read at its millisecond
        JsonNode within = asOf(ada, decidedAt.plusNanos(999_999));
        assertThat(within.get("level").asText()).isEqualTo("IC3");
        assertThat(Instant.parse(within.get("asOf").asText())).isEqualTo(decidedAt);
    }

    @Test
    void a_track_switch_and_the_open_quarter_it_moved_are_known_at_its_decidedAt() {
        String kim = steps.register("IC", "IC3");
        steps.open(kim, "2026-Q2");

        JsonNode decision = steps.switchTrack(kim, "MANAGER");
        Instant decidedAt = Instant.parse(decision.get("decidedAt").asText());
        assertThat(toTheMillisecond(decidedAt)).isTrue();

        JsonNode at = asOf(kim, decidedAt);
        assertThat(at.get("track").asText()).isEqualTo("MANAGER");
        assertThat(at.get("level").asText()).isEqualTo("M1");
        assertThat(at.get("decisions").findValuesAsText("kind")).containsExactly("TRACK_SWITCH");
        JsonNode moved = quarter(at, "2026-Q2");
        assertThat(moved.get("track").asText()).isEqualTo("MANAGER");
        assertThat(moved.get("levelHeld").asText()).isEqualTo("M1");
        assertThat(moved.get("targetLevel").asText()).isEqualTo("M2");

        JsonNode justBefore = asOf(kim, decidedAt.minusMillis(1));
        assertThat(justBefore.get("track").asText()).isEqualTo("IC");
        assertThat(justBefore.get("level").asText()).isEqualTo("IC3");
        assertThat(justBefore.get("decisions")).isEmpty();
        JsonNode open = quarter(justBefore, "2026-Q2");
        assertThat(open.get("track").asText()).isEqualTo("IC");
        assertThat(open.get("levelHeld").asText()).isEqualTo("IC3");
        assertThat(open.get("targetLevel").asText()).isEqualTo("IC4");
    }

    @Test
    void a_reopened_quarter_leaves_readiness_from_the_instant_it_was_reopened() {
        String bo = steps.register("IC", "IC2");
        steps.quarterAt(bo, "2025-Q1", "IC3");
        steps.quarterAt(bo, "2025-Q2", "IC3");
        steps.reopen(bo, "2025-Q2");
        Instant reopenedAt = storedAt(bo, "QuarterReopened");

        JsonNode before = asOf(bo, reopenedAt.minusMillis(1));
        assertThat(before.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(before.get("readiness").get("streak").asInt()).isEqualTo(2);
        assertThat(quarter(before, "2025-Q2").get("status").asText()).isEqualTo("ASSESSED");
        assertThat(quarter(before, "2025-Q2").get("countedLevel").asText()).isEqualTo("IC3");

        JsonNode reopened = asOf(bo, reopenedAt);
        assertThat(reopened.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(reopened.get("readiness").get("streak").asInt()).isEqualTo(1);
        JsonNode q2 = quarter(reopened, "2025-Q2");
        assertThat(q2.get("status").asText()).isEqualTo("OPEN");
        assertThat(q2.get("assessment").isNull()).isTrue();
        assertThat(q2.get("countedLevel").isNull()).isTrue();
        assertThat(quarter(reopened, "2025-Q1").get("countedLevel").asText()).isEqualTo("IC3");

        steps.assess(bo, "2025-Q2", "IC3");
        JsonNode now = steps.get("/api/people/" + bo + "/history");
        assertThat(now.get("readiness").get("status").asText()).isEqualTo("READY");
        assertThat(quarter(now, "2025-Q2").get("countedLevel").asText()).isEqualTo("IC3");
    }

    @Test
    void a_quarter_assessed_before_a_track_switch_counts_at_its_mapped_level_after_it() {
        String lee = steps.register("IC", "IC3");
        steps.quarterAt(lee, "2025-Q3", "IC4");
        Instant switchedAt = Instant.parse(steps.switchTrack(lee, "MANAGER").get("decidedAt").asText());

        JsonNode after = asOf(lee, switchedAt);
        JsonNode q3 = quarter(after, "2025-Q3");
        assertThat(q3.get("assessment").get("operatingLevel").asText()).as("as assessed").isEqualTo("IC4");
        assertThat(q3.get("countedLevel").asText()).isEqualTo("M2");
        assertThat(q3.get("mapped").asText()).isEqualTo("IC4 (mapped to M2)");
        assertThat(after.get("readiness").get("nextLevel").asText()).isEqualTo("M2");
        assertThat(after.get("readiness").get("streak").asInt()).isEqualTo(1);

        JsonNode before = asOf(lee, switchedAt.minusMillis(1));
        assertThat(quarter(before, "2025-Q3").get("countedLevel").asText()).isEqualTo("IC4");
        assertThat(quarter(before, "2025-Q3").get("mapped").isNull()).isTrue();
        assertThat(before.get("readiness").get("nextLevel").asText()).isEqualTo("IC4");
        assertThat(before.get("readiness").get("streak").asInt()).isEqualTo(1);
    }
}
