package com.careerledger.api.storage;

import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.RegisterPerson;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow writer holding a low global index past the gap timeout: its event is still projected. The gap timeout is
 * lowered to one second; a transaction appends an event and stays open while the application stores a later one,
 * which the read models (stopped meanwhile, as in a restart or a rebuild) only read once it is older than the gap
 * timeout; once the slow writer commits, every read model takes its event. (Without the reading rule of
 * PostgresEventStorageEngine the processor would move past the open transaction's index, give the gap up after the
 * timeout, and never project the event.) Meanwhile later writes are stored, and their views wait until the slow
 * writer commits: readers are held back, never given a view that misses its event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "career.processing.gap-timeout=1s")
class SlowWriterGapTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void an_event_committed_after_the_gap_timeout_is_still_projected() throws Exception {
        Http http = new Http(port);
        TrackingEventProcessor readModels = processing.eventProcessor("read-models", TrackingEventProcessor.class)
                .orElseThrow();
        String warm = register("Warm Up");
        visible(http, warm);

        UUID slow = UUID.randomUUID();
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 0, 'Person', ?, 'com.careerledger.domain.person.PersonRegistered', '1',
                            CAST(? AS jsonb), '{}'::jsonb)""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, slow.toString());
                insert.setString(3, Instant.now().toString());
                insert.setString(4, """
                        {"personId":"%s","name":"Slow Writer","email":"slow-%s@example.com","discipline":"ENGINEERING",
                         "track":"IC","level":"IC2","managerId":null}""".formatted(slow, slow));
                insert.executeUpdate();
            }

            // The processor is behind (stopped, as during a restart or a rebuild) while a later event is stored
            // behind the open transaction's index; when it catches up, that event is older than the gap timeout.
            readModels.shutDown();
            Instant stored = Instant.now();
            String before = register("Before Timeout");
            Eventually.await("the gap timeout to pass", Instant::now,
                    now -> now.isAfter(stored.plus(GAP_TIMEOUT.multipliedBy(3))), Duration.ofSeconds(10));
            readModels.start();
            Eventually.await("the read models to catch up with what they can read", readModels::processingStatus,
                    status -> !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp),
                    Duration.ofSeconds(20));

            writer.commit();
            String after = register("After Timeout");

            for (String id : new String[]{slow.toString(), before, after}) {
                visible(http, id);
            }
        }
    }

    private static void visible(Http http, String id) {
        Http.Response person = Eventually.await("person " + id + " in the directory",
                () -> http.get("/api/people/" + id), r -> r.status() == 200, Duration.ofSeconds(20));
        assertThat(person.json().get("id").asText()).isEqualTo(id);
    }

    /** Through the command gateway: the directory, which an HTTP registration reads back, is held back meanwhile. */
    private String register(String name) {
        UUID id = UUID.randomUUID();
        commands.sendAndWait(new RegisterPerson(id, name, "gap-" + id + "@example.com", Discipline.ENGINEERING,
                Track.IC, new LevelCode("IC2"), null));
        return id.toString();
    }
}
