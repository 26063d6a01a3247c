package com.careerledger.api.admin;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.person.DecisionKind;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules apply to commands, not to history: events stored before today's rules — quarters of 2031 opened and
 * assessed, evidence of another year, a next-level assessment on lower-level evidence, a quarter reopened without
 * its outcome being withdrawn, a promotion resting on it — still load into their aggregates, still project, and a
 * rebuild gives the same read models as live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryBeforeTheRulesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    CareerFramework framework;

    @Test
    void events_that_break_todays_rules_still_replay() {
        Http http = new Http(port);
        ReadModels readModels = new ReadModels(jdbc, http);
        UUID ada = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T09:00:00Z");

        String person = ada.toString();
        store(person, "Person", 0, at, new PersonRegistered(ada, "Old Record", "old-" + ada + "@example.com",
                Discipline.ENGINEERING, Track.IC, new LevelCode("IC2"), null));
        String q1 = ada + "/2031-Q1";
        store(q1, "Quarter", 0, at, new QuarterOpened(ada, YearQuarter.parse("2031-Q1"), Track.IC, new LevelCode("IC2"), new LevelCode("IC3")));
        store(q1, "Quarter", 1, at, new EvidenceLogged(ada, YearQuarter.parse("2031-Q1"), UUID.randomUUID(), "A win of another year", null,
                "Some", Dimension.IMPACT, new LevelCode("IC2"), null, null, LocalDate.parse("2026-02-01")));
        store(q1, "Quarter", 2, at, new QuarterAssessed(ada, YearQuarter.parse("2031-Q1"), a1, new LevelCode("IC3"), new LevelCode("IC2"), new LevelCode("IC3"), true, "early",
                "admin", null));
        store(person, "Person", 1, at, new QuarterOutcomeRecorded(ada, YearQuarter.parse("2031-Q1"), new LevelCode("IC3"), a1, new LevelCode("IC2")));
        String q2 = ada + "/2031-Q2";
        store(q2, "Quarter", 0, at, new QuarterOpened(ada, YearQuarter.parse("2031-Q2"), Track.IC, new LevelCode("IC2"), new LevelCode("IC3")));
        store(q2, "Quarter", 1, at, new QuarterAssessed(ada, YearQuarter.parse("2031-Q2"), a2, new LevelCode("IC3"), new LevelCode("IC2"), new LevelCode("IC3"), true, "early",
                "admin", null));
        store(person, "Person", 2, at, new QuarterOutcomeRecorded(ada, YearQuarter.parse("2031-Q2"), new LevelCode("IC3"), a2, new LevelCode("IC2")));
        store(q2, "Quarter", 2, at, new QuarterReopened(ada, YearQuarter.parse("2031-Q2"), "second thoughts", "admin", a2));
        store(person, "Person", 3, at, new LevelChanged(ada, UUID.randomUUID(), DecisionKind.PROMOTION, new LevelCode("IC2"), new LevelCode("IC3"),
                List.of(new QuarterOutcome(YearQuarter.parse("2031-Q1"), new LevelCode("IC3"), a1), new QuarterOutcome(YearQuarter.parse("2031-Q2"), new LevelCode("IC3"), a2)),
                framework.policy(), framework.ref(), "decided on quarters of 2031", null, "admin", at));

        JsonNode shown = Eventually.await("the old record in the directory", () -> http.get("/api/people/" + ada),
                r -> r.status() == 200, Duration.ofSeconds(20)).json();
        assertThat(shown.get("level").asText()).isEqualTo("IC3");
        JsonNode reopened = http.get("/api/people/" + ada + "/quarters/2031-Q2").json();
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");

        // both aggregates still load from that history and take new commands
        assertThat(http.post("/api/people/" + ada + "/quarters/2031-Q2/feedback", """
                {"relationship":"SELF","text":"Looking back at an odd record"}""").status()).isEqualTo(201);
        assertThat(http.post("/api/people/" + ada + "/level-corrections", """
                {"level":"IC2","reason":"The 2031 quarters were a data-entry error"}""").status()).isEqualTo(201);

        readModels.awaitAllCaughtUp();
        Map<String, List<String>> live = readModels.snapshot();
        readModels.rebuildAll();
        readModels.awaitAllCaughtUp();
        assertThat(readModels.snapshot()).isEqualTo(live);
    }

    private void store(String aggregateId, String type, long sequence, Instant at, Object payload) {
        String json = serializer.serialize(payload, String.class).getData();
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, ?, ?, '1', CAST(? AS jsonb), CAST(? AS jsonb))""",
                UUID.randomUUID().toString(), aggregateId, sequence, type, at.toString(), payload.getClass().getName(),
                json, "{\"actor\":\"admin\"}");
    }
}
