package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static com.careerledger.api.testsupport.CareerStories.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules apply to commands, not to history: events stored before the sustained record's rules (promotions on quarters
 * of 2031, reopenings that withdrew nothing, a quarter assessed on the old track after a switch, outcomes without
 * what they were mapped from, a decidedAt finer than its timestamp) still replay through the read models and the
 * point-in-time history, live and rebuilt alike. And with the new events (withdrawals, moved quarters, basis
 * changes) in the store too, every read model rebuilt from the events equals the one built live.
 * <p>
 * The stored history is made the way it was: careers are told through the API today, and their events copied
 * under a new person with what the old code wrote in their place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoredHistoryReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSON_EVENTS = "com.careerledger.domain.person.";
    private static final String QUARTER_EVENTS = "com.careerledger.domain.quarter.";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    CareerStories steps;

    @BeforeEach
    void setUp() {
        steps = new CareerStories(port);
    }

    /** One stored event row, payload and metadata as JSON text. */
    private record Row(String aggregateId, long sequence, String type, String timestamp, String payloadType,
                       String revision, String payload, String metadata) {
    }

    private List<Row> stored(String person) {
        return jdbc.query("""
                SELECT aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,
                       payload::text AS payload, meta_data::text AS meta_data
                FROM domain_event_entry WHERE aggregate_identifier = ? OR aggregate_identifier LIKE ?
                ORDER BY global_index""",
                (rs, i) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)),
                person, person + "/%");
    }

    /**
     * Copies a person's events under a new id, as the old code would have stored them: the events it did not have
     * are left out (each stream's sequence numbers closed up), {@code renames} applied to the text (quarters), and
     * {@code rewrite} given each payload to change in place. Inserted in one transaction; returns the new id.
     */
    private String storeAsOld(String template, Map<String, String> renames, Consumer<ObjectNode> rewrite) {
        String person = UUID.randomUUID().toString();
        Map<String, Long> next = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (Row row : stored(template)) {
            String type = row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1);
            if (type.equals("QuarterOutcomeWithdrawn") || type.equals("DecisionBasisChanged")
                    || type.equals("QuarterMovedToTrack")) {
                continue;
            }
            String aggregate = rename(row.aggregateId().replace(template, person), renames);
            ObjectNode payload = (ObjectNode) read(rename(row.payload().replace(template, person), renames));
            payload.put("@type", type);
            rewrite.accept(payload);
            payload.remove("@type");
            long sequence = next.merge(aggregate, 1L, Long::sum) - 1;
            rows.add(new Object[]{UUID.randomUUID().toString(), aggregate, sequence, row.type(), row.timestamp(),
                    row.payloadType(), row.revision(), payload.toString(), row.metadata()});
        }
        jdbc.batchUpdate("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""", rows);
        return person;
    }

    private static String rename(String text, Map<String, String> renames) {
        for (Map.Entry<String, String> r : renames.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
        }
        return text;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Outcomes before 2026-11 had no mappedFrom: drops it from an outcome and from every outcome in a list. */
    private static void withoutMappedFrom(ObjectNode payload, String list) {
        payload.remove("mappedFrom");
        if (payload.has(list)) {
            payload.get(list).forEach(o -> ((ObjectNode) o).remove("mappedFrom"));
        }
    }

    private static String type(ObjectNode payload) {
        return payload.get("@type").asText();
    }

    private JsonNode awaitHistory(String person, java.util.function.Predicate<JsonNode> done) {
        return steps.await("performance history of " + person, "/api/people/" + person + "/performance-history", done);
    }

    @Test
    void events_stored_before_the_rules_still_replay_and_every_read_model_rebuilt_equals_live() {
        // today's story 1: promoted, then a basis quarter reopened (withdrawn) and re-assessed lower
        String promoted = steps.register("IC", "IC2");
        steps.quarterAt(promoted, "2025-Q1", "IC3");
        steps.quarterAt(promoted, "2025-Q2", "IC3");
        Instant decidedAt = Instant.parse(steps.promote(promoted, "IC3").get("decidedAt").asText());
        steps.reopen(promoted, "2025-Q2");
        steps.assess(promoted, "2025-Q2", "IC2");
        // today's story 2: a quarter assessed before a switch (mapped), an open quarter moved by it, assessed after
        String switched = steps.register("IC", "IC3");
        steps.quarterAt(switched, "2025-Q4", "IC4");
        steps.open(switched, "2026-Q1");
        steps.evidence(switched, "2026-Q1", "Work at IC4", "IC4");
        steps.switchTrack(switched, "MANAGER");
        steps.assess(switched, "2026-Q1", "M2");

        // as stored before: quarters of 2031; no withdrawal on reopening; the re-assessment recorded "holding" today's
        // IC3; decidedAt with nanoseconds, its timestamp rounded up to the next millisecond
        Instant oldDecidedAt = decidedAt.minusMillis(1).plusNanos(456_789);
        String future = storeAsOld(promoted, Map.of("2025-Q1", "2031-Q1", "2025-Q2", "2031-Q2"), p -> {
            if (type(p).equals("QuarterOutcomeRecorded") && p.get("operatingLevel").asText().equals("IC2")) {
                p.put("levelHeld", "IC3");
            }
            if (type(p).equals("LevelChanged")) {
                p.put("decidedAt", oldDecidedAt.toString());
            }
            withoutMappedFrom(p, "basis");
        });
        // as stored before: the open quarter stayed on the IC track, was assessed at IC4 and recorded unmapped
        String unmoved = storeAsOld(switched, Map.of(), p -> {
            if (p.path("quarter").asText().equals("2026-Q1") && p.path("operatingLevel").asText().equals("M2")) {
                p.put("operatingLevel", "IC4");
                if (type(p).equals("QuarterAssessed")) {
                    p.put("levelHeld", "IC3");
                    p.put("targetLevel", "IC4");
                } else {
                    p.put("levelHeld", "M1");
                }
            }
            withoutMappedFrom(p, "carriedOver");
        });

        // the promotion on 2031 quarters, the withdrawal that never happened: the record as it was then
        JsonNode f = awaitHistory(future, h -> h.get("quarters").size() == 2 && h.get("level").asText().equals("IC3")
                && line(h, "2031-Q2").get("operatingLevel").asText().equals("IC2"));
        assertThat(line(f, "2031-Q1").get("operatingLevel").asText()).isEqualTo("IC3");
        assertThat(line(f, "2031-Q1").get("atNextLevel").asBoolean()).isTrue();
        assertThat(line(f, "2031-Q2").get("levelHeld").asText()).as("the quarter's own level").isEqualTo("IC2");
        assertThat(line(f, "2031-Q2").get("atNextLevel").asBoolean()).isFalse();
        assertThat(f.get("nextLevel").asText()).isEqualTo("IC4");
        assertThat(f.get("nextLevelStreak").asInt()).isZero();
        assertThat(f.get("readiness").get("status").asText()).isEqualTo("NOT_YET");
        assertThat(steps.person(future).get("level").asText()).isEqualTo("IC3");
        assertThat(steps.quarter(future, "2031-Q2").get("assessment").get("operatingLevel").asText()).isEqualTo("IC2");
        // the decision is known at its own decidedAt, nanoseconds and all, and not a millisecond before
        JsonNode atDecision = steps.get("/api/people/" + future + "/history?asOf=" + oldDecidedAt);
        assertThat(atDecision.get("level").asText()).isEqualTo("IC3");
        assertThat(atDecision.get("decisions")).hasSize(1);
        JsonNode before = steps.get("/api/people/" + future + "/history?asOf=" + oldDecidedAt.minusMillis(1));
        assertThat(before.get("level").asText()).isEqualTo("IC2");
        assertThat(before.get("decisions")).isEmpty();

        // a quarter assessed on the old track after the switch: shown as the record counts it, so not at the next level
        JsonNode u = awaitHistory(unmoved, h -> h.get("quarters").size() == 2
                && line(h, "2026-Q1").get("operatingLevel").isTextual());
        assertThat(u.get("track").asText()).isEqualTo("MANAGER");
        JsonNode q4 = line(u, "2025-Q4");
        assertThat(q4.get("operatingLevel").asText()).isEqualTo("M2");
        assertThat(q4.get("assessedLevel").asText()).isEqualTo("IC4");
        assertThat(q4.get("mapped").asText()).isEqualTo("IC4 (mapped to M2)");
        assertThat(q4.get("atNextLevel").asBoolean()).isTrue();
        JsonNode q1 = line(u, "2026-Q1");
        assertThat(q1.get("levelHeld").asText()).isEqualTo("IC3");
        assertThat(q1.get("operatingLevel").asText()).isEqualTo("IC4");
        assertThat(q1.get("atNextLevel").asBoolean()).as("IC4 does not count toward M2: %s", q1).isFalse();
        assertThat(u.get("nextLevelStreak").asInt()).isZero();
        assertThat(steps.quarter(unmoved, "2026-Q1").get("track").asText()).isEqualTo("IC");
        assertThat(steps.get("/api/people/" + unmoved + "/history").get("readiness").get("streak").asInt()).isZero();

        // rebuilt from the events, every read model equals the live one, old history and new events alike
        ReadModels readModels = new ReadModels(jdbc, new Http(port));
        readModels.awaitAllCaughtUp();
        Map<String, JsonNode> live = answers(promoted, switched, future, unmoved);
        Map<String, List<String>> liveTables = readModels.snapshot();

        readModels.rebuildAll();
        readModels.awaitAllCaughtUp();

        assertThat(readModels.snapshot()).isEqualTo(liveTables);
        assertThat(answers(promoted, switched, future, unmoved)).isEqualTo(live);
    }

    /** What the API answers about these people, and the org statistics. */
    private Map<String, JsonNode> answers(String... people) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String p : people) {
            for (String path : List.of("/api/people/" + p, "/api/people/" + p + "/performance-history",
                    "/api/people/" + p + "/quarters", "/api/people/" + p + "/timeline?size=200",
                    "/api/promotions?personId=" + p)) {
                Http.Response r = steps.http().get(path);
                answers.put(path, r.status() == 200 ? r.json() : read("{\"status\":" + r.status() + "}"));
            }
        }
        answers.put("stats", Eventually.await("stats", () -> steps.get("/api/stats"), s -> true));
        return answers;
    }
}
