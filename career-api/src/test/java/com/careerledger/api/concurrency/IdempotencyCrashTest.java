package com.careerledger.api.concurrency;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.domain.quarter.LogEvidence;
import jakarta.servlet.Filter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Idempotency-Key} and the command's events commit together. A request that dies after its command
 * committed and before its response was stored (the process killed there; or a failure there, answered 5xx) leaves
 * its key marked applied, with the command's result: the retry appends nothing and answers as the first run would
 * have, naming the same person, evidence or decision. A request whose key a retry took over while its command ran
 * stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyCrashTest {

    private static final String QUARTER = "2026-Q1";
    /** A request with this header fails after the application handled it, before the filter stores its response. */
    static final String FAIL_AFTER_HANDLING = "X-Test-Fail-After-Handling";
    private static final String EVIDENCE = """
            {"title":"Shipped the importer","impact":"Halved onboarding time","dimension":"IMPACT","demonstratesLevel":"IC3","occurredOn":"2026-02-02"}""";

    @TestConfiguration
    static class FailureAfterHandling {
        /** Between the idempotency filter and the application: fails on the way back, as a crash there would. */
        @Bean
        FilterRegistrationBean<Filter> failAfterHandling() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                if (((jakarta.servlet.http.HttpServletRequest) request).getHeader(FAIL_AFTER_HANDLING) != null) {
                    throw new IllegalStateException("injected failure after the command committed");
                }
            });
            registration.addUrlPatterns("/api/*");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 20);
            return registration;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CommandBus commandBus;
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

    private static String key() {
        return "crash-" + UUID.randomUUID();
    }

    private int events(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    /** What the process dying between the command's commit and the stored response leaves behind, an hour ago. */
    private void crashBeforeTheResponseWasStored(String key) {
        int rows = jdbc.update("""
                UPDATE idempotency_keys SET status = NULL, response_headers = NULL, response_body = NULL,
                                            created_at = now() - INTERVAL '1 hour'
                WHERE idempotency_key = ?""", key);
        assertThat(rows).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT applied_at IS NOT NULL FROM idempotency_keys WHERE idempotency_key = ?",
                Boolean.class, key)).as("the command's transaction marked the key applied").isTrue();
    }

    @Test
    void a_registration_whose_response_was_lost_in_a_crash_is_not_registered_again_by_its_retry() {
        String key = key();
        String body = """
                {"name":"Cora Crash","email":"cora-%s@example.com","discipline":"ENGINEERING","track":"IC","level":"IC2"}"""
                .formatted(UUID.randomUUID());
        Http.Response first = http.request("POST", "/api/people", body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String id = first.json().get("id").asText();
        crashBeforeTheResponseWasStored(key);

        Http.Response retry = http.request("POST", "/api/people", body, "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.json().get("id").asText()).isEqualTo(id);
        assertThat(events(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.PersonRegistered' "
                + "AND payload ->> 'name' = 'Cora Crash'", Integer.class)).isEqualTo(1);
        // the re-run's answer is the key's response from now on
        Http.Response again = http.request("POST", "/api/people", body, "Idempotency-Key", key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(retry.body());
    }

    @Test
    void a_decision_whose_response_was_lost_is_answered_from_the_recorded_result() {
        String person = stories.register("Dex Decided", "IC", "IC2");
        String key = key();
        String path = "/api/people/" + person + "/level-corrections";
        String body = "{\"level\":\"IC3\",\"reason\":\"Hired at the wrong level\"}";
        Http.Response first = http.request("POST", path, body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        int before = events(person);
        crashBeforeTheResponseWasStored(key);

        Http.Response retry = http.request("POST", path, body, "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(events(person)).isEqualTo(before);
    }

    @Test
    void a_failure_after_the_command_committed_answers_5xx_and_the_retry_appends_nothing() {
        String person = stories.register("Fin Failure", "IC", "IC2");
        stories.open(person, QUARTER);
        String quarterId = person + "/" + QUARTER;
        String path = "/api/people/" + person + "/quarters/" + QUARTER + "/evidence";
        String key = key();
        int before = events(quarterId);

        Http.Response failed = http.request("POST", path, EVIDENCE, "Idempotency-Key", key, FAIL_AFTER_HANDLING, "yes");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(events(quarterId)).as("the command committed before the failure").isEqualTo(before + 1);
        String evidenceId = jdbc.queryForObject("SELECT payload ->> 'evidenceId' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, quarterId);

        // no waiting for the in-progress timeout: the failed request let go of its key
        Http.Response retry = http.request("POST", path, EVIDENCE, "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().get("evidenceId").asText()).isEqualTo(evidenceId);
        assertThat(retry.header("Location")).endsWith("/evidence/" + evidenceId);
        assertThat(events(quarterId)).isEqualTo(before + 1);
        assertThat(http.get("/api/people/" + person + "/quarters/" + QUARTER).json().get("evidence")).hasSize(1);
    }

    @Test
    void a_request_whose_key_a_retry_took_over_while_its_command_ran_stores_nothing() {
        String person = stories.register("Tom Takeover", "IC", "IC2");
        stories.open(person, QUARTER);
        String quarterId = person + "/" + QUARTER;
        String path = "/api/people/" + person + "/quarters/" + QUARTER + "/evidence";
        String key = key();
        int before = events(quarterId);
        MessageHandlerInterceptor<CommandMessage<?>> takeOver = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof LogEvidence l && l.quarterId().equals(quarterId)) {
                // meanwhile a retry with the same key takes it over (on a connection of its own, committed)
                execute("UPDATE idempotency_keys SET claim_id = gen_random_uuid(), created_at = now() "
                        + "WHERE idempotency_key = ?", key);
            }
            return result;
        };
        interceptor = commandBus.registerHandlerInterceptor(takeOver);

        Http.Response first = http.request("POST", path, EVIDENCE, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(409);
        assertThat(first.json().get("type").asText()).endsWith("/idempotency-key-taken-over");
        assertThat(events(quarterId)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT applied_at IS NULL FROM idempotency_keys WHERE idempotency_key = ?",
                Boolean.class, key)).isTrue();
    }

    private void execute(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            statement.setString(1, parameter);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
