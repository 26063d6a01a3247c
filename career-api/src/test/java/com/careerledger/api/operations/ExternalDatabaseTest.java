package com.careerledger.api.operations;

import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.api.testsupport.Http;
import com.careerledger.storage.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With CAREER_DB_URL set, the application uses that database and starts none of its own. A separately
 * started PostgreSQL plays the external server; what lands in it is checked over a plain JDBC connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalDatabaseTest {

    @TempDir
    Path serverDir;

    @Test
    void events_land_as_readable_json_in_the_configured_database(CapturedOutput output) throws SQLException {
        try (EmbeddedPostgres external = EmbeddedPostgres.start(
                new EmbeddedPostgres.Settings(serverDir, false, false, 0, "hr_events"))) {
            String personId;
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CareerLedgerApplication.class).run(
                    "--server.port=0",
                    "--CAREER_DB_URL=" + external.jdbcUrl(),
                    "--CAREER_DB_USER=" + external.username(),
                    "--CAREER_DB_PASSWORD=" + external.password())) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                personId = new Http(port).post("/api/people", """
                        {"name":"Edsger","email":"edsger@example.com","discipline":"ENGINEERING","track":"IC","level":"IC3"}""")
                        .json().get("id").asText();
            }
            assertThat(output.getOut()).contains("Using the external PostgreSQL");
            // the one server that started is the stand-in external one: the application started none
            assertThat(output.getOut().split("Embedded PostgreSQL running on", -1)).hasSize(2);

            try (Connection c = DriverManager.getConnection(external.jdbcUrl(), external.username(), external.password());
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT payload::text FROM domain_event_entry WHERE aggregate_identifier = '"
                        + personId + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).contains("\"name\": \"Edsger\"", "\"level\": \"IC3\"");
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE data_type = 'oid' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isPositive();
                }
            }
        }
    }
}
