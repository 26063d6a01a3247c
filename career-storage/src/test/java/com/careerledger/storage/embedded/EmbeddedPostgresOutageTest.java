package com.careerledger.storage.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outage the fault suite ({@code reliability/run pg-restart}) drives: a server stopped for now refuses
 * connections, and started again on the same port has everything committed before; closing it afterwards (or
 * while it is down) is clean.
 */
class EmbeddedPostgresOutageTest {

    @TempDir
    Path dir;

    @Test
    void a_server_stopped_for_now_refuses_connections_and_starts_again_on_the_same_port_with_its_data() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(dir.resolve("pg"), true, false, 0, "outage"))) {
            int port = pg.port();
            execute(pg, "CREATE TABLE kept (v TEXT)", "INSERT INTO kept VALUES ('committed before the outage')");

            pg.stopForNow();
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password()).close())
                    .isInstanceOf(SQLException.class);

            pg.startAgain();
            assertThat(pg.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("committed before the outage");
            }
            pg.stopForNow();
        }
        assertThat(Files.exists(dir.resolve("pg"))).as("an ephemeral server closed while down is deleted too").isFalse();
    }

    private static void execute(EmbeddedPostgres pg, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }
}
