package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/** Plain JDBC to the database a scenario's application uses: what is really stored, seen from outside the application. */
final class Sql {

    private final String url;
    private final String user;
    private final String password;

    Sql(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static Sql of(EmbeddedPostgres pg) {
        return new Sql(pg.jdbcUrl(), pg.username(), pg.password());
    }

    /**
     * The database of an application running on its embedded default with {@code CAREER_DATA_DIR=dataDir}: the
     * port from the running server's {@code postmaster.pid}, the password from {@code credentials.properties}.
     */
    static Sql ofEmbeddedDefault(Path dataDir) throws IOException {
        Path pid = clusterDir(dataDir).resolve("postmaster.pid");
        List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
        if (lines.size() < 4) {
            throw new IOException(pid + " does not name a port yet");
        }
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("credentials.properties"))) {
            credentials.load(in);
        }
        return new Sql("jdbc:postgresql://127.0.0.1:" + lines.get(3).strip() + "/career_ledger",
                credentials.getProperty("user", "postgres"), credentials.getProperty("password"));
    }

    /** Where the embedded default keeps its cluster: {@code dataDir/pgdata}, or where {@code cluster-location} says. */
    static Path clusterDir(Path dataDir) throws IOException {
        Path marker = dataDir.resolve("cluster-location");
        return Files.exists(marker) ? Path.of(Files.readString(marker, StandardCharsets.UTF_8).strip())
                : dataDir.resolve("pgdata");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Set<String> strings(String sql, Object... params) throws SQLException {
        return new HashSet<>(list(sql, params));
    }

    List<String> list(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    int update(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    /** Evidence ids stored in {@code EvidenceLogged} events, straight from the event store. */
    Set<String> storedEvidenceIds() throws SQLException {
        return strings("SELECT payload->>'evidenceId' FROM domain_event_entry WHERE payload_type LIKE '%.EvidenceLogged'");
    }

    /** Titles of stored {@code EvidenceLogged} events, one entry per event (a title twice: the write applied twice). */
    List<String> storedEvidenceTitles() throws SQLException {
        return list("SELECT payload->>'title' FROM domain_event_entry WHERE payload_type LIKE '%.EvidenceLogged'");
    }

    /** (aggregate, sequence number) pairs stored more than once: the event store's own lock broken. */
    long duplicateSequenceNumbers() throws SQLException {
        return count("SELECT count(*) FROM (SELECT aggregate_identifier, sequence_number FROM domain_event_entry "
                + "GROUP BY aggregate_identifier, sequence_number HAVING count(*) > 1) d");
    }
}
