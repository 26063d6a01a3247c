package com.careerledger.api.readmodels;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.QuarterDates;
import com.careerledger.api.testsupport.ReadModels;
import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.person.AssignManager;
import com.careerledger.domain.person.PromotePerson;
import com.careerledger.domain.person.RegisterPerson;
import com.careerledger.domain.quarter.AssessQuarter;
import com.careerledger.domain.quarter.Dimension;
import com.careerledger.domain.quarter.LogEvidence;
import com.careerledger.domain.quarter.OpenQuarter;
import com.careerledger.domain.quarter.RetractEvidence;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.MetaDataKeys;
import com.careerledger.domain.shared.Track;
import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.projections.ReadModelGroups;
import com.careerledger.projections.audit.PromotionAuditProjection;
import com.careerledger.projections.directory.DirectoryProjection;
import com.careerledger.projections.stats.StatsProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The directory, the promotion audit and the statistics apply a batch of events at the end of the batch
 * (ProjectionBatch): their rows must come out exactly as if each event had been written on its own. Live, the
 * processor sees the events of one request at a time; a rebuild, or a redelivery, hands it up to a batch-size of
 * them at once, where one event reads what an earlier one of the same batch wrote (a decision's basis, a
 * person's stint, a row registered a few events before).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a database of its own (career.db.embedded.database): it writes while the read models are stopped and forgets
// their position, after which the shared context's processor answered reads only about once a second (see the
// session notes); kept apart until that is understood
@TestPropertySource(properties = "career.db.embedded.database=batched_read_models")
class BatchedReadModelsTest {

    private static final List<String> TABLES = List.of("directory_person", "audit_assessment", "audit_evidence",
            "audit_decision", "stats_person", "stats_quarter", "stats_promotion");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway gateway;

    CareerStories stories;
    TrackingEventProcessor processor;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        processor = processing.eventProcessor(ReadModelGroups.PROCESSOR, TrackingEventProcessor.class).orElseThrow();
    }

    @Test
    void rebuilt_in_batches_the_three_read_models_equal_the_ones_built_event_by_event() {
        stories.richCareers();
        stories.richCareers();
        awaitCaughtUp();
        Map<String, List<String>> live = snapshot();
        assertThat(live.values()).as("the scenario filled every table").allSatisfy(rows -> assertThat(rows).isNotEmpty());

        rebuild();

        assertThat(snapshot()).isEqualTo(live);
    }

    @Test
    void a_batch_of_events_already_applied_and_new_ones_applies_only_the_new_ones_and_each_in_its_place() {
        List<String> people = stories.richCareers();
        String director = people.get(0);
        String ada = people.get(2);
        awaitCaughtUp();

        // new events while the read models stand still: they will share batches with events already applied
        processor.shutDown();
        UUID person = UUID.randomUUID();
        UUID retracted = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID decision = UUID.randomUUID();
        UUID adaNew = UUID.randomUUID();
        send(new RegisterPerson(person, "Batch Person", "batch-" + person + "@example.com", Discipline.ENGINEERING,
                Track.IC, new LevelCode("IC2"), null));
        send(new OpenQuarter(person, YearQuarter.parse("2026-Q1")));
        send(evidence(person, "2026-Q1", retracted, "Logged in the wrong quarter"));
        send(evidence(person, "2026-Q1", kept, "Led the migration"));
        send(new RetractEvidence(person, YearQuarter.parse("2026-Q1"), retracted, "Belongs to 2025-Q4"));
        send(new AssessQuarter(person, YearQuarter.parse("2026-Q1"), UUID.randomUUID(), new LevelCode("IC3"),
                "Operated at IC3"));
        send(new OpenQuarter(person, YearQuarter.parse("2026-Q2")));
        send(evidence(person, "2026-Q2", second, "Owned checkout v2"));
        send(new AssessQuarter(person, YearQuarter.parse("2026-Q2"), UUID.randomUUID(), new LevelCode("IC3"),
                "Operated at IC3 again"));
        send(new PromotePerson(person, decision, new LevelCode("IC3"), "Sustained impact", null));
        send(new AssignManager(person, UUID.fromString(director)));
        // and for someone whose rows were stored before
        send(new OpenQuarter(UUID.fromString(ada), YearQuarter.parse("2026-Q4")));
        send(evidence(UUID.fromString(ada), "2026-Q4", adaNew, "Started the next redesign"));
        send(new RetractEvidence(UUID.fromString(ada), YearQuarter.parse("2026-Q4"), adaNew, "Not done yet"));

        // forget the position without the reset handlers: every event comes again, the new ones after the old
        int forgotten = jdbc.update("UPDATE token_entry SET token = NULL, token_type = NULL WHERE processor_name = ?",
                ReadModelGroups.PROCESSOR);
        assertThat(forgotten).isPositive();
        processor.start();
        awaitCaughtUp();
        Map<String, List<String>> redelivered = snapshot();

        assertThat(jdbc.queryForMap("SELECT level, manager_id, version FROM directory_person WHERE person_id = ?", person))
                .containsEntry("level", "IC3").containsEntry("manager_id", UUID.fromString(director))
                .containsEntry("version", lastSequence(person.toString()));
        assertThat(jdbc.queryForMap("SELECT level, stint FROM stats_person WHERE person_id = ?", person))
                .containsEntry("level", "IC3").containsEntry("stint", 1);
        assertThat(jdbc.queryForObject("SELECT quarters_at_level FROM stats_promotion WHERE decision_id = ?",
                Integer.class, decision)).isEqualTo(2);
        JsonNode basis = json(jdbc.queryForObject("SELECT basis::text FROM audit_decision WHERE decision_id = ?",
                String.class, decision));
        assertThat(basis).hasSize(2);
        assertThat(basis.get(0).get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(basis.get(0).get("assessedBy").isNull()).isFalse();
        assertThat(evidenceIds(basis.get(0))).containsExactly(kept.toString());
        assertThat(evidenceIds(basis.get(1))).containsExactly(second.toString());
        assertThat(jdbc.queryForObject("SELECT retracted_at IS NOT NULL FROM audit_evidence WHERE evidence_id = ?",
                Boolean.class, adaNew)).isTrue();

        rebuild();

        assertThat(snapshot()).as("the same rows as a rebuild from the first event").isEqualTo(redelivered);
    }

    private static LogEvidence evidence(UUID person, String quarter, UUID id, String title) {
        return new LogEvidence(person, YearQuarter.parse(quarter), id, title, null, "Measured impact",
                Dimension.IMPACT, new LevelCode("IC3"), null, null, LocalDate.parse(QuarterDates.occurredOn(quarter)));
    }

    private void send(Object command) {
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.with(MetaDataKeys.ACTOR, "admin")));
    }

    private long lastSequence(String aggregateId) {
        return jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> evidenceIds(JsonNode quarter) {
        List<String> ids = new ArrayList<>();
        quarter.get("evidence").forEach(e -> ids.add(e.get("evidenceId").asText()));
        return ids;
    }

    /** Rebuilds the three read models from the first event through the admin API, and waits for the end. */
    private void rebuild() {
        ReadModels.rebuildAndAwait(stories.http(), DirectoryProjection.PROCESSING_GROUP,
                PromotionAuditProjection.PROCESSING_GROUP, StatsProjection.PROCESSING_GROUP);
        awaitCaughtUp();
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElse(-1);
        // a replay token stays "replaying" until an event after its reset position arrives: the position tells
        Eventually.await("the read models reach position " + head,
                () -> processor.processingStatus(),
                status -> {
                    status.values().stream().filter(EventTrackerStatus::isErrorState).findFirst().ifPresent(s -> {
                        throw new AssertionError("the processor failed", s.getError());
                    });
                    return !status.isEmpty() && status.values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
                },
                Duration.ofSeconds(60));
    }

    /** The three read models' tables, each as its rows' JSON text, sorted. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : TABLES) {
            List<String> rows = new ArrayList<>(jdbc.queryForList("SELECT row_to_json(t)::text FROM " + table + " t",
                    String.class));
            rows.sort(null);
            tables.put(table, rows);
        }
        return tables;
    }
}
