package com.careerledger.reliability;

import com.careerledger.projections.storage.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server of the scenario's own (the project's embedded one, started in the scenario's folder), which it
 * can stop and start again on the same port and data, as an operator restarting the database would.
 */
final class Database implements AutoCloseable {

    private final EmbeddedPostgres.Settings settings;
    private EmbeddedPostgres server;

    private Database(EmbeddedPostgres.Settings settings, EmbeddedPostgres server) {
        this.settings = settings;
        this.server = server;
    }

    static Database start(Path dir) {
        EmbeddedPostgres server = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(dir, false, true, 0, "career_ledger"));
        return new Database(new EmbeddedPostgres.Settings(dir, false, true, server.port(), "career_ledger"), server);
    }

    String jdbcUrl() {
        return server.jdbcUrl();
    }

    String username() {
        return server.username();
    }

    String password() {
        return server.password();
    }

    /** Stops the server (fast shutdown: connected clients are cut off). */
    void stop() {
        server.close();
    }

    /** Starts it again, same port, same data. */
    void restart() {
        server = EmbeddedPostgres.start(settings);
    }

    long single(String sql, Object... parameters) {
        List<Long> values = longs(sql, parameters);
        return values.isEmpty() ? 0 : values.get(0);
    }

    List<Long> longs(String sql, Object... parameters) {
        List<Long> values = new ArrayList<>();
        query(sql, parameters, rs -> values.add(rs.getLong(1)));
        return values;
    }

    List<String> strings(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        query(sql, parameters, rs -> values.add(rs.getString(1)));
        return values;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Object[] parameters, Row row) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
