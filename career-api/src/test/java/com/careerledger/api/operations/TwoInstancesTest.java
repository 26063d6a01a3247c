package com.careerledger.api.operations;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.quarter.Quarter;
import com.careerledger.storage.embedded.EmbeddedPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on one PostgreSQL, several clients writing to the same few people through
 * both (evidence and feedback on their quarters, manager changes, assessments, whose outcome the relay records on
 * the person in the same transaction). Every answer is a success or a 409; every acknowledged
 * write is stored once; sequence numbers are contiguous; the read models, built once (one instance holds the token
 * claim), are complete when read through either instance. The two instances are two Spring contexts in this JVM;
 * the same scenario with two processes of the packaged jar is {@code reliability/} (see docs/operations.md).
 */
class TwoInstancesTest {

    private static final String QUARTER = "2026-Q1";
    private static final int CLIENTS = 6;
    private static final int WRITES_PER_CLIENT = 25;

    @TempDir
    Path serverDir;

    @Test
    void contended_writes_through_two_instances_end_in_success_or_409_and_nothing_is_lost() throws Exception {
        try (EmbeddedPostgres db = EmbeddedPostgres.start(
                new EmbeddedPostgres.Settings(serverDir, false, false, 0, "two_instances"));
             ConfigurableApplicationContext first = start(db);
             ConfigurableApplicationContext second = start(db)) {
            List<Http> instances = List.of(new Http(port(first)), new Http(port(second)));
            Http setup = instances.get(0);
            List<String> managers = List.of(register(setup, "Mia Manager", "MANAGER", "M2"),
                    register(setup, "Max Manager", "MANAGER", "M2"));
            List<String> people = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String person = register(setup, "Pat Contended " + i, "IC", "IC2");
                assertThat(setup.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + QUARTER + "\"}")
                        .status()).isEqualTo(201);
                // evidence at the level assessed: the first assessment of each quarter goes through, and the relay
                // records its outcome on the person in the same transaction
                Http.Response groundwork = setup.post("/api/people/" + person + "/quarters/" + QUARTER + "/evidence", """
                        {"title":"Groundwork","impact":"Kept","dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"2026-02-01"}""");
                assertThat(groundwork.status()).isEqualTo(201);
                people.add(person);
            }

            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            Set<String> evidence = ConcurrentHashMap.newKeySet();
            Set<String> feedback = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int w = 0; w < WRITES_PER_CLIENT; w++) {
                        Http http = instances.get((client + w) % 2);
                        String person = people.get(random.nextInt(people.size()));
                        String quarter = "/api/people/" + person + "/quarters/" + QUARTER;
                        Http.Response r;
                        switch (random.nextInt(6)) {
                            case 0, 1 -> {
                                r = http.post(quarter + "/evidence", """
                                        {"title":"Entry %d-%d","impact":"Kept","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-02"}"""
                                        .formatted(client, w));
                                if (r.status() == 201) {
                                    evidence.add(r.json().get("evidenceId").asText());
                                }
                            }
                            case 2 -> {
                                r = http.post(quarter + "/feedback",
                                        "{\"relationship\":\"PEER\",\"text\":\"Helpful " + client + "-" + w + "\"}");
                                if (r.status() == 201) {
                                    feedback.add(r.json().get("feedbackId").asText());
                                }
                            }
                            case 3 -> r = http.put("/api/people/" + person + "/manager",
                                    "{\"managerId\":\"" + managers.get(random.nextInt(2)) + "\"}");
                            default -> r = http.post(quarter + "/assessment",
                                    "{\"operatingLevel\":\"IC3\",\"rationale\":\"Operated at IC3\"}");
                        }
                        statuses.merge(r.status(), 1, Integer::sum);
                        if (r.status() >= 500) {
                            throw new AssertionError("answered " + r.status() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();

            System.out.println("Two instances, answers by status: " + new TreeMap<>(statuses));
            assertThat(statuses.keySet()).allMatch(s -> s == 200 || s == 201 || s == 409);
            assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CLIENTS * WRITES_PER_CLIENT);

            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement s = c.createStatement()) {
                assertThat(single(s, """
                        SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry
                        GROUP BY aggregate_identifier HAVING max(sequence_number) + 1 <> count(*)
                            OR count(DISTINCT sequence_number) <> count(*)) gaps""")).as("gaps or duplicates").isZero();
                assertThat(single(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.EvidenceLogged' "
                        + "AND payload ->> 'title' <> 'Groundwork'"))
                        .as("each acknowledged evidence stored once, nothing else").isEqualTo(evidence.size());
                assertThat(single(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.FeedbackRecorded'"))
                        .isEqualTo(feedback.size());
                assertThat(single(s, "SELECT count(DISTINCT owner) FROM token_entry WHERE processor_name = 'read-models'"))
                        .as("one instance builds the read models").isEqualTo(1);
                assertThat(single(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.QuarterOutcomeRecorded'"))
                        .as("each quarter assessed once, its outcome relayed once").isEqualTo(people.size());
            }

            for (Http http : instances) {
                Set<String> seenEvidence = ConcurrentHashMap.newKeySet();
                Set<String> seenFeedback = ConcurrentHashMap.newKeySet();
                for (String person : people) {
                    JsonNode view = Eventually.await("the quarter view of " + person, () ->
                                    http.get("/api/people/" + person + "/quarters/" + QUARTER),
                            r -> r.status() == 200).json();
                    view.get("evidence").forEach(e -> {
                        if (!"Groundwork".equals(e.get("title").asText())) {
                            seenEvidence.add(e.get("evidenceId").asText());
                        }
                    });
                    ids(view.get("feedback"), "feedbackId").forEach(seenFeedback::add);
                    assertThat(view.get("version").asLong()).isEqualTo(lastSequence(db, Quarter.idOf(UUID.fromString(person), YearQuarter.parse(QUARTER))));
                    assertThat(http.get("/api/people/" + person).json().get("version").asLong())
                            .isEqualTo(lastSequence(db, person));
                }
                assertThat(seenEvidence).isEqualTo(evidence);
                assertThat(seenFeedback).isEqualTo(feedback);
            }
        }
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres db) {
        return new SpringApplicationBuilder(CareerLedgerApplication.class).run(
                "--server.port=0",
                "--CAREER_DB_URL=" + db.jdbcUrl(),
                "--CAREER_DB_USER=" + db.username(),
                "--CAREER_DB_PASSWORD=" + db.password());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String register(Http http, String name, String track, String level) {
        Http.Response r = http.post("/api/people", """
                {"name":"%s","email":"%s@example.com","discipline":"ENGINEERING","track":"%s","level":"%s"}"""
                .formatted(name, UUID.randomUUID(), track, level));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static List<String> ids(JsonNode list, String field) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.get(field).asText())
                .collect(Collectors.toList());
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long lastSequence(EmbeddedPostgres db, String aggregateId) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement()) {
            return single(s, "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = '"
                    + aggregateId.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
