package com.careerledger.api.storage;

import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.operations.DeadLetterEvicted;
import com.careerledger.projections.asof.PersonEventStreams;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DeadLetterEvicted} went from revision 1 (the skipped event named by its Java class) to revision 2 (named by
 * the event catalogue). An eviction stored at revision 1 reads with the catalogue's name; the raw stream shows it
 * as stored, under its stable type name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvictionRevisionOneReplayTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonEventStreams streams;

    @Test
    void a_revision_one_eviction_reads_with_the_catalogue_name_of_the_skipped_event() {
        Http http = new Http(port);
        String ada = http.post("/api/people", """
                {"name":"Ada Evicted Before","email":"evicted-%s@example.com","discipline":"ENGINEERING","track":"IC","level":"IC2"}"""
                .formatted(UUID.randomUUID())).json().get("id").asText();
        String deadLetter = UUID.randomUUID().toString();
        String skipped = UUID.randomUUID().toString();
        // the eviction as the earlier version stored it
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'DeadLetter', ?, ?, '1', CAST(? AS jsonb), CAST(? AS jsonb))""",
                UUID.randomUUID().toString(), DeadLetterEvicted.streamId(ada, deadLetter), Instant.now().toString(),
                DeadLetterEvicted.class.getName(), """
                {"readModel":"quarters","sequence":"%s","deadLetterId":"%s","evictedEventId":"%s",
                 "evictedEventType":"com.careerledger.domain.quarter.EvidenceLogged","evictedAggregateId":"%s/2026-Q1",
                 "evictedSequenceNumber":3,"cause":null,"reason":"imported twice"}"""
                        .formatted(ada, deadLetter, skipped, ada),
                "{\"actor\":\"admin\"}");

        // read through the upcasters, as history and any handler read it
        List<DeadLetterEvicted> evictions = new ArrayList<>();
        streams.events(UUID.fromString(ada)).forEach(m -> {
            if (m.getPayload() instanceof DeadLetterEvicted e) {
                evictions.add(e);
            }
        });
        assertThat(evictions).singleElement().satisfies(e -> {
            assertThat(e.evictedEventType()).isEqualTo("EvidenceLogged");
            assertThat(e.evictedEventId()).isEqualTo(skipped);
            assertThat(e.reason()).isEqualTo("imported twice");
        });
        assertThat(http.get("/api/people/" + ada + "/history").status()).isEqualTo(200);

        // the raw stream: the stable type name, the payload and revision as stored
        JsonNode raw = null;
        for (JsonNode e : http.get("/api/people/" + ada + "/events").json().get("items")) {
            if ("DeadLetter".equals(e.get("aggregateType").asText())) {
                raw = e;
            }
        }
        assertThat(raw).isNotNull();
        assertThat(raw.get("type").asText()).isEqualTo("DeadLetterEvicted");
        assertThat(raw.get("payloadType").asText()).isEqualTo("DeadLetterEvicted");
        assertThat(raw.get("revision").asText()).isEqualTo("1");
        assertThat(raw.at("/payload/evictedEventType").asText()).isEqualTo("com.careerledger.domain.quarter.EvidenceLogged");
    }
}
