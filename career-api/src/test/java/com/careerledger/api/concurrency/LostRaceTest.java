package com.careerledger.api.concurrency;

import com.careerledger.domain.shared.YearQuarter;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.person.AssignManager;
import com.careerledger.domain.person.RecordQuarterOutcome;
import com.careerledger.domain.quarter.LogEvidence;
import com.careerledger.domain.quarter.Quarter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that loses the race for its aggregate's next sequence number: another writer (here: a row inserted over
 * a connection of its own while the command runs, as another instance would) appends first. The command is retried
 * on fresh state a bounded number of times, and answered 409 {@code concurrent-modification} only if it never wins;
 * never a 500. Also when the loser is a command the assessment relay sends inside the assessment's unit of work.
 * A cached aggregate that another writer has moved past is never used as it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LostRaceTest {

    private static final String QUARTER = "2026-Q1";

    @LocalServerPort
    int port;
    @Autowired
    CommandBus commandBus;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    CareerStories stories;
    Http http;
    Registration interceptor;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        http = stories.http();
    }

    @AfterEach
    void removeInterceptor() {
        if (interceptor != null) {
            interceptor.cancel();
        }
    }

    @Test
    void a_write_that_loses_the_race_once_is_retried_on_fresh_state_and_both_writes_are_kept() {
        String person = stories.register("Rita Race", "IC", "IC2");
        stories.open(person, QUARTER);
        stories.evidence(person, QUARTER, "First entry", "IC2");
        String quarterId = Quarter.idOf(UUID.fromString(person), YearQuarter.parse(QUARTER));
        AtomicInteger attempts = new AtomicInteger();
        interceptor = whileHandling(c -> c.getPayload() instanceof LogEvidence l && l.quarterId().equals(quarterId),
                attempt -> {
                    if (attempts.incrementAndGet() == 1) {
                        appendForeignCopyOfLatest(quarterId, "EvidenceLogged", "evidenceId");
                    }
                });

        Http.Response logged = http.post("/api/people/" + person + "/quarters/" + QUARTER + "/evidence", """
                {"title":"Raced entry","impact":"Kept","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-02"}""");

        assertThat(logged.status()).as(logged.body()).isEqualTo(201);
        assertThat(attempts).hasValue(2);
        assertThat(titlesOfEvidence(quarterId)).containsExactly("First entry", "First entry", "Raced entry");
        assertContiguous(quarterId);
    }

    @Test
    void a_write_that_keeps_losing_is_answered_409_concurrent_modification_after_a_bounded_number_of_attempts(
            CapturedOutput output) {
        String person = stories.register("Lou Loser", "IC", "IC2");
        stories.open(person, QUARTER);
        stories.evidence(person, QUARTER, "First entry", "IC2");
        String quarterId = Quarter.idOf(UUID.fromString(person), YearQuarter.parse(QUARTER));
        AtomicInteger attempts = new AtomicInteger();
        interceptor = whileHandling(c -> c.getPayload() instanceof LogEvidence l && l.quarterId().equals(quarterId),
                attempt -> {
                    attempts.incrementAndGet();
                    appendForeignCopyOfLatest(quarterId, "EvidenceLogged", "evidenceId");
                });

        Http.Response logged = http.post("/api/people/" + person + "/quarters/" + QUARTER + "/evidence", """
                {"title":"Never wins","impact":"None","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-02"}""");

        assertThat(logged.status()).as(logged.body()).isEqualTo(409);
        assertThat(logged.header("Content-Type")).startsWith("application/problem+json");
        // the retries and the give-up are logged, but not the failed INSERT's values: payloads hold personal data
        assertThat(output.getAll()).contains("ConcurrencyException").doesNotContain("Never wins");
        assertThat(logged.json().get("type").asText()).endsWith("/concurrent-modification");
        assertThat(attempts.get()).as("bounded retries").isBetween(2, 10);
        assertThat(titlesOfEvidence(quarterId)).doesNotContain("Never wins");
        assertContiguous(quarterId);
    }

    @Test
    void when_the_relayed_command_loses_the_race_the_whole_assessment_is_retried() {
        String manager = stories.register("Mo Manager", "MANAGER", "M2");
        String person = stories.register("Nia Nested", "IC", "IC2");
        stories.assignManager(person, manager);
        stories.open(person, QUARTER);
        stories.evidence(person, QUARTER, "Work", "IC3");
        AtomicInteger relayed = new AtomicInteger();
        interceptor = whileHandling(c -> c.getPayload() instanceof RecordQuarterOutcome r
                        && r.personId().toString().equals(person),
                attempt -> {
                    if (relayed.incrementAndGet() == 1) {
                        appendForeignCopyOfLatest(person, "ManagerAssigned", null);
                    }
                });

        Http.Response assessed = http.post("/api/people/" + person + "/quarters/" + QUARTER + "/assessment", """
                {"operatingLevel":"IC3","rationale":"Operated at IC3"}""");

        assertThat(assessed.status()).as(assessed.body()).isEqualTo(201);
        assertThat(relayed).hasValue(2);
        String quarterId = Quarter.idOf(UUID.fromString(person), YearQuarter.parse(QUARTER));
        assertThat(count(quarterId, "QuarterAssessed")).isEqualTo(1);
        assertThat(count(person, "QuarterOutcomeRecorded")).isEqualTo(1);
        assertThat(count(person, "ManagerAssigned")).as("the other writer's event is kept").isEqualTo(2);
        assertContiguous(person);
        assertContiguous(quarterId);
    }

    @Test
    void a_cached_aggregate_another_writer_has_moved_past_is_not_used() {
        String first = stories.register("Fay First", "MANAGER", "M2");
        String second = stories.register("Sam Second", "MANAGER", "M2");
        String person = stories.register("Cal Cached", "IC", "IC2");
        // the person is in the cache now, at the version this write left it
        Http.Response assigned = http.put("/api/people/" + person + "/manager", "{\"managerId\":\"" + first + "\"}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        long cachedVersion = Long.parseLong(assigned.header("ETag").replace("\"", ""));
        // another instance writes to the person
        appendForeignCopyOfLatest(person, "ManagerAssigned", null);
        long current = cachedVersion + 1;

        // a write made against the current version applies (a stale cache would call it a version conflict)...
        Http.Response again = http.request("PUT", "/api/people/" + person + "/manager",
                "{\"managerId\":\"" + second + "\"}", "If-Match", "\"" + current + "\"");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"" + (current + 1) + "\"");
        // ...and one made against the cached, outdated version is refused
        Http.Response stale = http.request("PUT", "/api/people/" + person + "/manager",
                "{\"managerId\":\"" + first + "\"}", "If-Match", "\"" + cachedVersion + "\"");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("type").asText()).endsWith("/version-conflict");
        assertContiguous(person);
    }

    private interface Attempt {
        void run(CommandMessage<?> command);
    }

    /** Runs {@code during} after each matching command's handler ran, before its events are stored. */
    private Registration whileHandling(Predicate<CommandMessage<?>> matches, Attempt during) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            CommandMessage<?> command = unitOfWork.getMessage();
            if (matches.test(command)) {
                during.run(command);
            }
            return result;
        };
        return commandBus.registerHandlerInterceptor(interceptor);
    }

    /**
     * Another writer's event: a copy of the aggregate's latest event of the given type at the next sequence number,
     * committed on a connection of its own (as another instance would), with a new id in {@code idField}.
     */
    private void appendForeignCopyOfLatest(String aggregateId, String type, String idField) {
        String payload = idField == null ? "payload" : "jsonb_set(payload, '{" + idField + "}', to_jsonb(?::text))";
        String sql = """
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT ?, aggregate_identifier,
                       (SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?),
                       type, time_stamp, payload_type, payload_revision, %s, meta_data
                FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ?
                ORDER BY sequence_number DESC LIMIT 1""".formatted(payload);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = 1;
                statement.setString(i++, UUID.randomUUID().toString());
                statement.setString(i++, aggregateId);
                if (idField != null) {
                    statement.setString(i++, UUID.randomUUID().toString());
                }
                statement.setString(i++, aggregateId);
                statement.setString(i, "%." + type);
                assertThat(statement.executeUpdate()).as("foreign event appended").isEqualTo(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> titlesOfEvidence(String quarterId) {
        return jdbc.queryForList("""
                SELECT payload->>'title' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.EvidenceLogged' ORDER BY sequence_number""",
                String.class, quarterId);
    }

    private int count(String aggregateId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, aggregateId, "%." + type);
    }

    /** Sequence numbers 0..n-1, each once. */
    private void assertContiguous(String aggregateId) {
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, aggregateId);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).isEqualTo((long) i);
        }
    }
}
