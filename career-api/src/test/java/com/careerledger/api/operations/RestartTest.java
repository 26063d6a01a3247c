package com.careerledger.api.operations;

import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.api.testsupport.Http;
import org.axonframework.springboot.updates.UpdateCheckConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as the README runs it: embedded PostgreSQL with its data in a folder that outlives the
 * process. What is registered before a restart is there after it, and start-up reaches for nothing outside.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CareerLedgerApplication.class).run(
                "--server.port=0",
                "--career.db.embedded.ephemeral=false",
                "--career.db.embedded.durable=true",
                "--career.db.embedded.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void a_person_registered_before_a_restart_is_there_after_it(CapturedOutput output) {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            Http.Response created = new Http(port(first)).post("/api/people", """
                    {"name":"Restart","email":"restart@example.com","discipline":"ENGINEERING","track":"IC","level":"IC1"}""");
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        assertThat(output).contains("Initialising a new embedded PostgreSQL cluster");
        assertThat(Files.exists(dataDir.resolve("pgdata").resolve("PG_VERSION"))).isTrue();
        int initialisations = count(output.getOut(), "Initialising a new embedded PostgreSQL cluster");

        try (ConfigurableApplicationContext second = start()) {
            Http.Response fetched = new Http(port(second)).get("/api/people/" + id);
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json().get("name").asText()).isEqualTo("Restart");
            assertThat(second.getBean(UpdateCheckConfiguration.class).getDisabled()).isTrue();
        }
        // the second start found the cluster and did not initialise another one
        assertThat(count(output.getOut(), "Initialising a new embedded PostgreSQL cluster")).isEqualTo(initialisations);
    }

    @Test
    void the_database_stops_only_after_the_application_has_shut_down(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.isActive()).isTrue();
        }
        String out = output.getOut();
        int webStopped = out.lastIndexOf("Commencing graceful shutdown");
        int dbStopped = out.lastIndexOf("Embedded PostgreSQL stopped");
        assertThat(webStopped).isNotNegative();
        assertThat(dbStopped).isGreaterThan(webStopped);
        // processors that lost their database mid-shutdown would time out here
        assertThat(out).doesNotContain("Timed out during shutdown phase");
    }

    @Test
    void start_up_makes_no_attempt_to_reach_axon_server_or_the_update_service(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBean(UpdateCheckConfiguration.class).getDisabled()).isTrue();
            assertThat(context.getBeanNamesForType(org.axonframework.eventsourcing.eventstore.EventStorageEngine.class))
                    .isNotEmpty();
        }
        assertThat(classPresent("org.axonframework.axonserver.connector.AxonServerConnectionManager"))
                .as("the Axon Server connector is only on the classpath with -Paxonserver").isFalse();
        assertThat(output.getAll()).doesNotContainIgnoringCase("axonserver")
                .doesNotContain("Connecting to", "UpdateCheckerHttpClient", "axoniq.io/api");
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static int count(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
