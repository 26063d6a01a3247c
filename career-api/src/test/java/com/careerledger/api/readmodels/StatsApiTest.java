package com.careerledger.api.readmodels;

import com.careerledger.projections.stats.StatsProjection;
import com.careerledger.projections.ReadModelGroups;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisation statistics over HTTP. The database is shared with the other tests of the same context, so the
 * test reads the statistics once the read model has caught up with everything stored, then checks that its own
 * people and decisions move the figures by exactly what they should.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    CareerStories stories;
    Http http;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    /** Someone on the product ladder. */
    private String register(String level) {
        return stories.register("Stan", "PRODUCT", "IC", level, null);
    }

    /** The statistics once the stats processor has handled every event stored so far. */
    private JsonNode settledStats() {
        long head = eventStore.createHeadToken().position().orElse(-1);
        TrackingEventProcessor processor = processing.eventProcessor(ReadModelGroups.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow();
        Eventually.await("the stats processor reaches position " + head, processor::processingStatus,
                status -> !status.isEmpty() && status.values().stream()
                        .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
        return http.get("/api/stats").json();
    }

    private static Map<String, Long> levels(JsonNode stats) {
        Map<String, Long> counts = new HashMap<>();
        stats.get("levelDistribution").forEach(l -> counts.put(l.get("track").asText() + "/" + l.get("level").asText(),
                l.get("count").asLong()));
        return counts;
    }

    private static Map<String, Long> promotions(JsonNode stats) {
        Map<String, Long> counts = new HashMap<>();
        stats.get("promotionsPerQuarter").forEach(q -> counts.put(q.get("quarter").asText(), q.get("promotions").asLong()));
        return counts;
    }

    /** quartersAtLevel → [promoted, notPromoted] */
    private static Map<Integer, List<Long>> tenure(JsonNode stats) {
        Map<Integer, List<Long>> buckets = new HashMap<>();
        stats.get("timeAtLevelVsPromotion").forEach(b -> buckets.put(b.get("quartersAtLevel").asInt(),
                List.of(b.get("promoted").asLong(), b.get("notPromoted").asLong())));
        return buckets;
    }

    private static void add(Map<Integer, List<Long>> buckets, int quarters, long promoted, long notPromoted) {
        List<Long> was = buckets.getOrDefault(quarters, List.of(0L, 0L));
        buckets.put(quarters, List.of(was.get(0) + promoted, was.get(1) + notPromoted));
    }

    private static String calendarQuarter(String instant) {
        ZonedDateTime t = Instant.parse(instant).atZone(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    @Test
    void levels_promotions_per_quarter_and_tenure_buckets_move_by_exactly_what_happened() {
        JsonNode before = settledStats();
        Map<String, Long> levelsBefore = levels(before);
        Map<String, Long> promotionsBefore = promotions(before);
        Map<Integer, List<Long>> tenureBefore = tenure(before);

        // A: registered at IC1, nothing else
        register("IC1");
        // B: two quarters at the next level, promoted, then one quarter opened at the new level
        String b = register("IC2");
        stories.quarterAt(b, "2026-Q1", "IC3");
        stories.quarterAt(b, "2026-Q2", "IC3");
        JsonNode promotionOfB = stories.created("/api/people/" + b + "/promotions", """
                {"targetLevel":"IC3","rationale":"Sustained"}""");
        stories.open(b, "2026-Q3");
        // C: three quarters at IC2, never promoted
        String c = register("IC2");
        stories.open(c, "2025-Q4");
        stories.open(c, "2026-Q1");
        stories.open(c, "2026-Q2");
        // D: promoted by override without a single quarter
        String d = register("IC1");
        JsonNode promotionOfD = stories.created("/api/people/" + d + "/promotions", """
                {"targetLevel":"IC2","rationale":"Exceptional","override":{"justification":"Committee vote 5-0"}}""");
        // E: a correction up (not a promotion), then a switch to the manager track
        String e = register("IC3");
        stories.created("/api/people/" + e + "/level-corrections", """
                {"level":"IC4","reason":"Registered a level too low"}""");
        stories.created("/api/people/" + e + "/track-switches", """
                {"targetTrack":"MANAGER","rationale":"Leads the platform team"}""");

        // now: A IC1, B IC3, C IC2, D IC2, E M2
        Map<String, Long> expectedLevels = new HashMap<>(levelsBefore);
        expectedLevels.merge("IC/IC1", 1L, Long::sum);
        expectedLevels.merge("IC/IC2", 2L, Long::sum);
        expectedLevels.merge("IC/IC3", 1L, Long::sum);
        expectedLevels.merge("MANAGER/M2", 1L, Long::sum);
        Map<String, Long> expectedPromotions = new HashMap<>(promotionsBefore);
        expectedPromotions.merge(calendarQuarter(promotionOfB.get("decidedAt").asText()), 1L, Long::sum);
        expectedPromotions.merge(calendarQuarter(promotionOfD.get("decidedAt").asText()), 1L, Long::sum);

        Map<Integer, List<Long>> expectedTenure = new HashMap<>(tenureBefore);
        // promoted: B after 2 quarters opened at IC2, D after none
        add(expectedTenure, 2, 1, 0);
        add(expectedTenure, 0, 1, 0);
        // not promoted, as they sit now: A, D and E with no quarter at their level, B with one, C with three
        add(expectedTenure, 0, 0, 3);
        add(expectedTenure, 1, 0, 1);
        add(expectedTenure, 3, 0, 1);

        JsonNode after = Eventually.await("the statistics reflect the new people and decisions",
                () -> http.get("/api/stats").json(),
                s -> levels(s).equals(expectedLevels) && promotions(s).equals(expectedPromotions)
                        && tenure(s).equals(expectedTenure));

        assertThat(levels(after)).isEqualTo(expectedLevels);
        assertThat(promotions(after)).isEqualTo(expectedPromotions);
        assertThat(tenure(after)).isEqualTo(expectedTenure);
        assertThat(after.get("timeAtLevelVsPromotion").findValues("quartersAtLevel").stream().map(JsonNode::asInt).toList())
                .isSorted();
    }

    @Test
    void a_rebuild_from_the_events_reproduces_the_same_statistics() {
        String f = register("IC2");
        stories.quarterAt(f, "2026-Q1", "IC3");
        stories.quarterAt(f, "2026-Q2", "IC3");
        stories.created("/api/people/" + f + "/promotions", """
                {"targetLevel":"IC3","rationale":"Sustained"}""");
        stories.open(f, "2026-Q3");
        JsonNode before = settledStats();

        ReadModels.rebuildAndAwait(http, StatsProjection.PROCESSING_GROUP);

        assertThat(settledStats()).isEqualTo(before);
    }

    @Test
    void the_answer_lists_every_level_of_the_ladder_in_order_and_says_tenure_does_not_decide() {
        JsonNode stats = settledStats();

        assertThat(stats.get("levelDistribution").findValuesAsText("level"))
                .containsSubsequence("IC0", "IC1", "IC2", "IC3", "IC4")
                .containsSubsequence("M1", "M2", "M3");
        assertThat(stats.get("levelDistribution").get(0).get("level").asText()).isEqualTo("IC0");
        assertThat(stats.get("promotionsPerQuarter").isArray()).isTrue();
        assertThat(stats.get("timeAtLevelVsPromotion").isArray()).isTrue();
        assertThat(stats.get("note").asText()).contains("does not decide promotions");
    }
}
