package com.careerledger.api.readmodels;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.domain.framework.FrameworkRef;
import com.careerledger.domain.framework.PromotionPolicy;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.audit.PromotionAuditProjection;
import com.careerledger.projections.timeline.TimelineProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before the rules of the sustained record tightened still replay through the promotion audit and
 * the timeline: a promotion decided on quarters of 2031 with evidence dated in another year, a basis quarter
 * reopened before the decision without its outcome being withdrawn, a basis quarter re-assessed after it with no
 * basis change recorded and the level held "today" instead of then, a round trip IC6 -> M3 -> IC5 that cost a
 * level, an open quarter left on the old track, and the JSON of those days (no {@code mappedFrom} anywhere). Rules apply to commands, not to history: the read models show what the
 * events say, in words that stay true, and a rebuild gives the same answer.
 * <p>
 * The events are written into the event store as the old code stored them (its own JSON, not sent through any
 * command), in a database of its own ({@code career.db.embedded.database}) so that no other test's replay meets
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "career.db.embedded.database=stored_decision_history")
class StoredDecisionHistoryReplayTest {

    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final FrameworkRef FRAMEWORK = new FrameworkRef("career-ladder", 1, "0".repeat(64));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    EventStore eventStore;

    Http http;
    final ObjectMapper json = new ObjectMapper();
    final List<Object[]> rows = new ArrayList<>();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void decisions_and_switches_stored_against_todays_rules_replay_through_the_audit_and_the_timeline() {
        UUID lee = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        UUID a1again = UUID.randomUUID();
        UUID e1 = UUID.randomUUID();
        UUID e2 = UUID.randomUUID();
        UUID promotion = UUID.randomUUID();
        String q1 = lee + "/2031-Q1";
        String q2 = lee + "/2031-Q2";
        // the old code rounded a decision's event timestamp up to the millisecond; its decidedAt kept nanoseconds
        Instant decidedAt = T.plusSeconds(100).plusNanos(123_456_789);

        person(lee, 0, T, new PersonRegistered(lee, "Lee Legacy", "lee-" + lee + "@example.com",
                Discipline.ENGINEERING, Track.IC, new LevelCode("IC2"), null));
        quarter(q1, 0, T.plusSeconds(1), new QuarterOpened(lee, YearQuarter.parse("2031-Q1"), Track.IC, new LevelCode("IC2"), new LevelCode("IC3")));
        quarter(q1, 1, T.plusSeconds(2), new EvidenceLogged(lee, YearQuarter.parse("2031-Q1"), e1, "Designed the 2031 platform", null,
                "Shipped", Dimension.IMPACT, new LevelCode("IC3"), null, null, LocalDate.parse("2026-02-01")));
        quarter(q1, 2, T.plusSeconds(3), new QuarterAssessed(lee, YearQuarter.parse("2031-Q1"), a1, new LevelCode("IC3"), new LevelCode("IC2"), new LevelCode("IC3"), true,
                "Operated at IC3", "legacy-assessor", null));
        person(lee, 1, T.plusSeconds(3), new QuarterOutcomeRecorded(lee, YearQuarter.parse("2031-Q1"), new LevelCode("IC3"), a1, new LevelCode("IC2")));
        quarter(q2, 0, T.plusSeconds(4), new QuarterOpened(lee, YearQuarter.parse("2031-Q2"), Track.IC, new LevelCode("IC2"), new LevelCode("IC3")));
        quarter(q2, 1, T.plusSeconds(5), new EvidenceLogged(lee, YearQuarter.parse("2031-Q2"), e2, "Ran the 2031 migration", null,
                "Shipped", Dimension.OWNERSHIP, new LevelCode("IC3"), null, null, LocalDate.parse("2026-02-01")));
        quarter(q2, 2, T.plusSeconds(6), new QuarterAssessed(lee, YearQuarter.parse("2031-Q2"), a2, new LevelCode("IC3"), new LevelCode("IC2"), new LevelCode("IC3"), true,
                "Operated at IC3 again", "legacy-assessor", null));
        person(lee, 2, T.plusSeconds(6), new QuarterOutcomeRecorded(lee, YearQuarter.parse("2031-Q2"), new LevelCode("IC3"), a2, new LevelCode("IC2")));
        // reopened before the decision, and nothing withdrew the outcome from the record
        quarter(q2, 3, T.plusSeconds(7), new QuarterReopened(lee, YearQuarter.parse("2031-Q2"), "Calibration", "legacy-admin", a2));
        person(lee, 3, Instant.ofEpochMilli(decidedAt.toEpochMilli() + 1), new LevelChanged(lee, promotion,
                DecisionKind.PROMOTION, new LevelCode("IC2"), new LevelCode("IC3"),
                List.of(new QuarterOutcome(YearQuarter.parse("2031-Q1"), new LevelCode("IC3"), a1), new QuarterOutcome(YearQuarter.parse("2031-Q2"), new LevelCode("IC3"), a2)),
                new PromotionPolicy(2), FRAMEWORK, "Two quarters at IC3", null, "legacy-admin", decidedAt));
        // after the decision: a basis quarter reopened and re-assessed below it, no basis change recorded, and the
        // outcome says the level held when it was recorded (IC3), not in that quarter (IC2)
        quarter(q1, 3, T.plusSeconds(200), new QuarterReopened(lee, YearQuarter.parse("2031-Q1"), "Second look", "legacy-admin", a1));
        quarter(q1, 4, T.plusSeconds(201), new QuarterAssessed(lee, YearQuarter.parse("2031-Q1"), a1again, new LevelCode("IC1"), new LevelCode("IC2"), new LevelCode("IC3"), false,
                "Recalibrated", "legacy-assessor", a1));
        person(lee, 4, T.plusSeconds(201), new QuarterOutcomeRecorded(lee, YearQuarter.parse("2031-Q1"), new LevelCode("IC1"), a1again, new LevelCode("IC3")));

        UUID ray = UUID.randomUUID();
        UUID there = UUID.randomUUID();
        UUID back = UUID.randomUUID();
        String open = ray + "/2026-Q1";
        person(ray, 0, T, new PersonRegistered(ray, "Ray Roundtrip", "ray-" + ray + "@example.com",
                Discipline.ENGINEERING, Track.IC, new LevelCode("IC6"), null));
        quarter(open, 0, T.plusSeconds(1), new QuarterOpened(ray, YearQuarter.parse("2026-Q1"), Track.IC, new LevelCode("IC6"), null));
        person(ray, 1, T.plusSeconds(10), new TrackSwitched(ray, there, Track.IC, new LevelCode("IC6"), Track.MANAGER, new LevelCode("M3"),
                List.of(), FRAMEWORK, "Runs the org", "legacy-admin", T.plusSeconds(10)));
        person(ray, 2, T.plusSeconds(20), new TrackSwitched(ray, back, Track.MANAGER, new LevelCode("M3"), Track.IC, new LevelCode("IC5"),
                List.of(), FRAMEWORK, "Back to architecture", "legacy-admin", T.plusSeconds(20)));

        store();

        // the audit: the decision as it was decided, no basis change recorded, mapped nowhere
        JsonNode decision = Eventually.await("the stored promotion in the audit",
                () -> http.get("/api/promotions/" + promotion), r -> r.status() == 200).json();
        assertThat(decision.get("kind").asText()).isEqualTo("PROMOTION");
        assertThat(decision.get("decidedBy").asText()).isEqualTo("legacy-admin");
        assertThat(Instant.parse(decision.get("decidedAt").asText())).isEqualTo(decidedAt);
        JsonNode basis = decision.get("basis");
        assertThat(basis.findValuesAsText("quarter")).containsExactly("2031-Q1", "2031-Q2");
        assertThat(basis.findValuesAsText("operatingLevel")).containsExactly("IC3", "IC3");
        assertThat(basis.findValuesAsText("assessed")).containsExactly("IC3", "IC3");
        assertThat(basis.findValuesAsText("changed")).containsExactly("false", "false");
        assertThat(basis.get(0).get("mappedFrom").isNull()).isTrue();
        assertThat(basis.get(0).get("assessedBy").asText()).isEqualTo("legacy-assessor");
        assertThat(basis.get(0).get("evidence").findValuesAsText("evidenceId")).containsExactly(e1.toString());
        assertThat(basis.get(1).get("evidence").findValuesAsText("evidenceId")).containsExactly(e2.toString());
        assertThat(decision.get("basisChanges")).isEmpty();
        assertThat(decision.get("basisStillHolds").asBoolean()).isTrue();

        JsonNode switches = Eventually.await("the stored switches in the audit",
                () -> http.get("/api/promotions?personId=" + ray).json(), p -> p.get("total").asInt() == 2);
        JsonNode returned = switches.get("items").get(0);
        assertThat(returned.get("decisionId").asText()).isEqualTo(back.toString());
        assertThat(returned.get("fromLevel").asText()).isEqualTo("M3");
        assertThat(returned.get("toLevel").asText()).isEqualTo("IC5");
        assertThat(returned.get("carriedOver")).isEmpty();

        // the timeline: the events as they were stored, in words that stay true of them
        List<String> leeSays = summaries(lee, 14);
        assertThat(leeSays).contains(
                "Quarter 2031-Q1 joined the sustained record at IC3 (Senior Engineer), holding IC2 (Associate Engineer)",
                "Promoted from IC2 (Associate Engineer) to IC3 (Senior Engineer) on 2 consecutive quarters at IC3 or above",
                "Quarter 2031-Q1 re-assessed at IC1 (below the level held, IC2), amending the earlier assessment");
        assertThat(leeSays).noneMatch(s -> s.contains("left the sustained record") || s.contains("rests on"));
        List<String> raySays = summaries(ray, 4);
        assertThat(raySays).containsExactly(
                "Joined the ladder at IC6 (Principal Engineer) on the individual contributor track",
                "Quarter 2026-Q1 opened at IC6 (Principal Engineer), the top of the track",
                "Switched from the individual contributor track at IC6 (Principal Engineer) to the manager track"
                        + " at M3 (Director), the equivalent level (not a promotion)",
                "Switched from the manager track at M3 (Director) to the individual contributor track at IC5"
                        + " (Staff Engineer), one of the levels equivalent to M3 (IC5 and IC6),"
                        + " not IC6 (Principal Engineer) held there before (not a promotion)");

        // and rebuilt from the events, both read models answer the same
        JsonNode auditBefore = http.get("/api/promotions?personId=" + lee).json();
        JsonNode switchesBefore = http.get("/api/promotions?personId=" + ray).json();
        JsonNode leeBefore = http.get("/api/people/" + lee + "/timeline?size=200").json();
        JsonNode rayBefore = http.get("/api/people/" + ray + "/timeline?size=200").json();
        ReadModels.rebuildAndAwait(http, PromotionAuditProjection.PROCESSING_GROUP, TimelineProjection.PROCESSING_GROUP);
        assertThat(http.get("/api/promotions?personId=" + lee).json()).isEqualTo(auditBefore);
        assertThat(http.get("/api/promotions?personId=" + ray).json()).isEqualTo(switchesBefore);
        assertThat(http.get("/api/people/" + lee + "/timeline?size=200").json()).isEqualTo(leeBefore);
        assertThat(http.get("/api/people/" + ray + "/timeline?size=200").json()).isEqualTo(rayBefore);
    }

    // --- the event store as the old code left it -------------------------------------------------------

    private void person(UUID person, long seq, Instant at, Object payload) {
        row("Person", person.toString(), seq, at, payload);
    }

    private void quarter(String aggregate, long seq, Instant at, Object payload) {
        row("Quarter", aggregate, seq, at, payload);
    }

    /** An event as the old code stored it: today's JSON without the fields added since ({@code mappedFrom}). */
    private void row(String type, String aggregate, long seq, Instant at, Object payload) {
        SerializedObject<String> serialized = serializer.serialize(payload, String.class);
        JsonNode tree = read(serialized.getData());
        withoutMappedFrom(tree);
        rows.add(new Object[]{UUID.randomUUID().toString(), aggregate, seq, type, at.toString(),
                serialized.getType().getName(), serialized.getType().getRevision(), tree.toString(),
                "{\"actor\":\"legacy-admin\"}"});
    }

    private static void withoutMappedFrom(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("mappedFrom");
            object.forEach(StoredDecisionHistoryReplayTest::withoutMappedFrom);
        } else if (node instanceof ArrayNode array) {
            array.forEach(StoredDecisionHistoryReplayTest::withoutMappedFrom);
        }
    }

    private void store() {
        jdbc.batchUpdate("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))""", rows);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload::text LIKE '%mappedFrom%'",
                Long.class)).as("stored as the old code stored it").isZero();
    }

    private List<String> summaries(UUID person, int count) {
        JsonNode page = Eventually.await(count + " timeline entries of " + person,
                () -> http.get("/api/people/" + person + "/timeline?size=200").json(),
                p -> p.get("total").asInt() == count);
        List<String> out = new ArrayList<>();
        page.get("items").forEach(e -> out.add(e.get("summary").asText()));
        return out;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
