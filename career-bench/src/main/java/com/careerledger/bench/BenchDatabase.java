package com.careerledger.bench;

import com.careerledger.storage.embedded.EmbeddedPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one PostgreSQL server every figure of a run is measured on, with two separate places on it: one for the
 * raw JDBC baseline, one for the application.
 * <ul>
 *     <li>Embedded (the default): a server of its own, started with {@link EmbeddedPostgres} durable (fsync on,
 *     as in production) and deleted at the end; the baseline and the application get a database each.</li>
 *     <li>External ({@code CAREER_DB_URL}, {@code CAREER_DB_USER}, {@code CAREER_DB_PASSWORD}): the given
 *     database, which the user need not be allowed to create databases in; the baseline and the application
 *     get a schema each ({@code career_bench_raw}, {@code career_bench_app}), dropped and created afresh.</li>
 * </ul>
 */
final class BenchDatabase implements AutoCloseable {

    static final String RAW = "career_bench_raw";
    static final String APP = "career_bench_app";

    private final EmbeddedPostgres embedded;
    private final String rawUrl;
    private final String appUrl;
    private final String user;
    private final String password;
    private final String description;

    private BenchDatabase(EmbeddedPostgres embedded, String rawUrl, String appUrl, String user, String password,
                          String description) {
        this.embedded = embedded;
        this.rawUrl = rawUrl;
        this.appUrl = appUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    static BenchDatabase open(Options options) throws SQLException {
        if (options.dbUrl() != null) {
            String url = options.dbUrl();
            try (Connection c = DriverManager.getConnection(url, options.dbUser(), options.dbPassword());
                 Statement s = c.createStatement()) {
                for (String schema : new String[]{RAW, APP}) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    s.execute("CREATE SCHEMA " + schema);
                }
            }
            return new BenchDatabase(null, withSchema(url, RAW), withSchema(url, APP), options.dbUser(),
                    options.dbPassword(), "external PostgreSQL at " + url + " (schemas " + RAW + ", " + APP + ")");
        }
        Path dir = options.workDir().resolve("postgres");
        EmbeddedPostgres pg = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(dir, true, true, 0, "postgres"));
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement s = c.createStatement()) {
            for (String db : new String[]{RAW, APP}) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + db);
            }
        }
        String base = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/";
        return new BenchDatabase(pg, base + RAW, base + APP, pg.username(), pg.password(),
                "embedded PostgreSQL on 127.0.0.1:" + pg.port() + ", durable (fsync on), data in " + dir
                        + " (deleted at the end); databases " + RAW + " and " + APP);
    }

    private static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    String rawUrl() {
        return rawUrl;
    }

    String appUrl() {
        return appUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String description() {
        return description;
    }

    Connection raw() throws SQLException {
        return DriverManager.getConnection(rawUrl, user, password);
    }

    Connection app() throws SQLException {
        return DriverManager.getConnection(appUrl, user, password);
    }

    /** Server version and the settings that decide commit speed. */
    String serverFacts() throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                out.append("PostgreSQL ").append(rs.getString(1));
            }
            for (String setting : new String[]{"fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    out.append(", ").append(setting).append('=').append(rs.getString(1));
                }
            }
            return out.toString();
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
