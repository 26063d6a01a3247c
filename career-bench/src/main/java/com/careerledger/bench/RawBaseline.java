package com.careerledger.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What PostgreSQL itself does on this machine, over plain JDBC, in the baseline's own database: single-row
 * INSERT commits into a table shaped like the event store (same columns, types, primary key and unique
 * constraints as {@code domain_event_entry}), primary-key SELECTs on it, and a sequential SELECT of event rows
 * in global order. These are the pgbench-like baselines every application figure is divided by.
 */
final class RawBaseline implements AutoCloseable {

    static final String TABLE = "bench_event";
    static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, type, "
            + "time_stamp, payload_type, payload_revision, payload, meta_data";

    private static final String INSERT = "INSERT INTO " + TABLE + " (event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
            + "VALUES (?,?,?,?,?,?,?,CAST(? AS jsonb),CAST(? AS jsonb))";

    private final HikariDataSource pool;
    private int run;

    RawBaseline(BenchDatabase db) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.rawUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(10);
        config.setPoolName("bench-raw");
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(eventTableDdl());
        }
    }

    /**
     * The DDL of the application's own {@code domain_event_entry}, read from its Flyway migration and renamed:
     * the baseline table cannot drift from the table the application writes to.
     */
    static String eventTableDdl() {
        String migration;
        try (java.io.InputStream in = RawBaseline.class.getResourceAsStream("/db/migration/V1__axon_event_store.sql")) {
            if (in == null) {
                throw new IllegalStateException("V1__axon_event_store.sql is not on the class path");
            }
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("CREATE TABLE domain_event_entry \\(.*?\\n\\);", java.util.regex.Pattern.DOTALL).matcher(migration);
        if (!m.find()) {
            throw new IllegalStateException("no CREATE TABLE domain_event_entry in V1__axon_event_store.sql");
        }
        return m.group().replaceAll("(?m)^\\s*--.*$", "").replace("domain_event_entry", TABLE)
                .replaceAll(";$", "");
    }

    /** Single-row INSERT, one commit each (autocommit), each client on its own connection. */
    Load.Result inserts(int clients, Duration warmup, Duration measure) throws InterruptedException {
        int thisRun = ++run;
        return Load.run(clients, warmup, measure, thread -> {
            Connection c = pool.getConnection();
            c.setAutoCommit(true);
            PreparedStatement insert = c.prepareStatement(INSERT);
            String aggregate = UUID.randomUUID() + "/run" + thisRun + "-client" + thread;
            return new Load.Worker() {
                @Override
                public void once(long i) throws SQLException {
                    UUID id = UUID.randomUUID();
                    insert.setString(1, id.toString());
                    insert.setString(2, aggregate);
                    insert.setLong(3, i);
                    insert.setString(4, "Quarter");
                    insert.setString(5, Instant.now().toString());
                    insert.setString(6, "com.careerledger.domain.quarter.EvidenceLogged");
                    insert.setString(7, "1");
                    insert.setString(8, evidencePayload(id));
                    insert.setString(9, "{\"actor\":\"admin\",\"traceId\":\"" + id + "\",\"correlationId\":\"" + id + "\"}");
                    insert.executeUpdate();
                }

                @Override
                public void close() throws SQLException {
                    insert.close();
                    c.close();
                }
            };
        });
    }

    /** Makes sure the table has at least {@code rows} rows for the primary-key reads. */
    void fillTo(long rows) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            long have;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
                rs.next();
                have = rs.getLong(1);
            }
            if (have < rows) {
                s.execute("INSERT INTO " + TABLE + " (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " SELECT gen_random_uuid()::text, 'fill-' || n, 0, 'Quarter', now()::text,"
                        + " 'com.careerledger.domain.quarter.EvidenceLogged', '1',"
                        + " jsonb_build_object('title', 'Filler ' || n, 'impact', repeat('x', 120)), '{}'::jsonb"
                        + " FROM generate_series(1, " + (rows - have) + ") n");
            }
            s.execute("VACUUM ANALYZE " + TABLE);
        }
    }

    /** Reads one row by primary key, every column, each client on its own connection. */
    Load.Result primaryKeySelects(int clients, Duration warmup, Duration measure) throws SQLException, InterruptedException {
        long min;
        long max;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(global_index), max(global_index) FROM " + TABLE)) {
            rs.next();
            min = rs.getLong(1);
            max = rs.getLong(2);
        }
        return Load.run(clients, warmup, measure, thread -> {
            Connection c = pool.getConnection();
            PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE global_index = ?");
            return new Load.Worker() {
                @Override
                public void once(long i) throws SQLException {
                    select.setLong(1, ThreadLocalRandom.current().nextLong(min, max + 1));
                    try (ResultSet rs = select.executeQuery()) {
                        readRows(rs);
                    }
                }

                @Override
                public void close() throws SQLException {
                    select.close();
                    c.close();
                }
            };
        });
    }

    long rows() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Every row of an event table in global order, every column, streamed with a server-side cursor (1,000 rows
     * per round trip): the least work a replay of those rows can do.
     *
     * @return rows per second
     */
    static double sequentialSelect(Connection c, String table, ProgressPrinter progress) throws SQLException {
        c.setAutoCommit(false);
        long start = System.nanoTime();
        long rows;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY global_index")) {
                rows = readRows(rs, progress);
            }
        }
        c.commit();
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.say(String.format(java.util.Locale.US, "read %,d rows in %.1f s", rows, seconds));
        return rows / seconds;
    }

    private static long readRows(ResultSet rs) throws SQLException {
        return readRows(rs, null);
    }

    private static long readRows(ResultSet rs, ProgressPrinter progress) throws SQLException {
        long n = 0;
        long sink = 0;
        while (rs.next()) {
            sink += rs.getLong(1);
            sink += rs.getString(2).length();
            sink += rs.getString(3).length();
            sink += rs.getLong(4);
            String type = rs.getString(5);
            sink += type == null ? 0 : type.length();
            sink += rs.getString(6).length();
            sink += rs.getString(7).length();
            String revision = rs.getString(8);
            sink += revision == null ? 0 : revision.length();
            sink += rs.getString(9).length();
            String meta = rs.getString(10);
            sink += meta == null ? 0 : meta.length();
            n++;
            if (progress != null && n % 100_000 == 0) {
                progress.tick(String.format(java.util.Locale.US, "%,d rows read", n));
            }
        }
        if (sink == 42) {
            System.out.print(""); // keeps the reads from being optimised away
        }
        return n;
    }

    /** An EvidenceLogged payload of the size the application writes. */
    static String evidencePayload(UUID id) {
        return "{\"personId\":\"" + UUID.randomUUID() + "\",\"quarter\":\"2026-Q1\",\"evidenceId\":\"" + id
                + "\",\"title\":\"Led the API redesign\",\"description\":null,\"impact\":\"Measured impact: p95 down "
                + "from 480 ms to 190 ms for 3 teams\",\"dimension\":\"IMPACT\",\"demonstratesLevel\":\"IC3\","
                + "\"goalId\":null,\"link\":null,\"occurredOn\":\"2026-02-02\"}";
    }

    @Override
    public void close() {
        pool.close();
    }
}
