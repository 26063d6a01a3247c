package com.careerledger.api.admin.storage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables a rebuild writes while readers keep the current ones (ADR 0013). They live in a schema of their own
 * beside the application's ({@code <schema>_rebuild}), made with the very columns, defaults and keys of the tables
 * they replace ({@code CREATE TABLE … (LIKE …)}) and their indexes, and <em>unlogged</em> while they fill: logged once
 * they are full. A transaction that puts
 * the rebuild's schema first on its {@code search_path} ({@link #writeShadow}) writes them with the statements the
 * read models always run, which name their tables without a schema. The switch moves the current tables out to
 * {@code <schema>_retired} and the rebuilt ones into their place, in one transaction, then drops the retired ones.
 */
@Repository
public class ShadowTables {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ShadowTables(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The schema the read models' tables are in (where readers find them). */
    public String liveSchema() {
        return jdbc.queryForObject("SELECT current_schema()", String.class);
    }

    /** Drops what an earlier rebuild left (a crash, say), then makes empty copies of {@code tables}. */
    public void create(String live, List<String> tables) {
        drop(live);
        jdbc.execute("CREATE SCHEMA " + q(shadow(live)));
        for (String table : tables) {
            String target = q(shadow(live)) + "." + q(table);
            jdbc.execute("CREATE UNLOGGED TABLE " + target + " (LIKE " + q(live) + "." + q(table)
                    + " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS"
                    + " INCLUDING STORAGE INCLUDING COMMENTS)");
            String options = jdbc.queryForObject("SELECT array_to_string(reloptions, ', ') FROM pg_class"
                    + " WHERE oid = ?::regclass", String.class, q(live) + "." + q(table));
            if (options != null && !options.isBlank()) {
                jdbc.execute("ALTER TABLE " + target + " SET (" + options + ")");
            }
            // the primary key and unique constraints: what an upsert's ON CONFLICT needs
            for (String[] constraint : jdbc.query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                            + " WHERE conrelid = ?::regclass AND contype IN ('p', 'u') ORDER BY conname",
                    (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, q(live) + "." + q(table))) {
                jdbc.execute("ALTER TABLE " + target + " ADD CONSTRAINT " + q(constraint[0]) + " " + constraint[1]);
            }
            // and every other index: the read models look rows up by them while they write (a quarter's goals, a
            // timeline's titles), and a lookup without its index on a growing table makes the rebuild quadratic
            List<String> definitions = jdbc.queryForList("SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " WHERE i.indrelid = ?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                    + " WHERE c.conindid = i.indexrelid) ORDER BY i.indexrelid", String.class, q(live) + "." + q(table));
            String from = " ON " + q(live) + "." + q(table) + " ";
            String fromPlain = " ON " + live + "." + table + " ";
            for (String definition : definitions) {
                String onShadow = definition.replace(from, " ON " + q(shadow(live)) + "." + q(table) + " ")
                        .replace(fromPlain, " ON " + q(shadow(live)) + "." + q(table) + " ");
                if (onShadow.equals(definition)) {
                    throw new IllegalStateException("cannot place index on the rebuilt table: " + definition);
                }
                jdbc.execute(onShadow);
            }
        }
    }

    /** Logs the rebuilt tables (from here on a crash keeps them) and gathers their statistics for readers' plans. */
    public void finish(String live, List<String> tables) {
        for (String table : tables) {
            jdbc.execute("ALTER TABLE " + q(shadow(live)) + "." + q(table) + " SET LOGGED");
            jdbc.execute("ANALYZE " + q(shadow(live)) + "." + q(table));
        }
    }

    /**
     * In the current transaction, statements that name a read model's table without a schema reach its rebuilt
     * copy; everything else (the event store, the lookups) is found where it always is.
     */
    public void writeShadow(String live) {
        jdbc.queryForObject("SELECT set_config('search_path', ? || ', ' || current_setting('search_path'), true)",
                String.class, q(shadow(live)));
        jdbc.execute("SET LOCAL synchronous_commit TO OFF");
    }

    /**
     * Takes the current tables from readers and writers until the transaction ends, waiting at most
     * {@code timeoutMillis} for those reading or writing them now.
     */
    public void lockLive(String live, List<String> tables, long timeoutMillis) {
        jdbc.execute("SET LOCAL lock_timeout = " + Math.max(1, timeoutMillis));
        List<String> names = new ArrayList<>();
        tables.forEach(t -> names.add(q(live) + "." + q(t)));
        jdbc.execute("LOCK TABLE " + String.join(", ", names) + " IN ACCESS EXCLUSIVE MODE");
    }

    /** Puts the rebuilt tables in place of the current ones (in the caller's transaction, after {@link #lockLive}). */
    public void swap(String live, List<String> tables) {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + q(retired(live)));
        for (String table : tables) {
            jdbc.execute("ALTER TABLE " + q(live) + "." + q(table) + " SET SCHEMA " + q(retired(live)));
            jdbc.execute("ALTER TABLE " + q(shadow(live)) + "." + q(table) + " SET SCHEMA " + q(live));
        }
    }

    /** Drops the rebuilt tables not switched in, and the retired ones switched out. */
    public void drop(String live) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + q(shadow(live)) + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + q(retired(live)) + " CASCADE");
    }

    /**
     * Frees every segment of a processor from whichever instance holds it (its next token update then fails, and it
     * lets the segment go), so that the caller can claim them in its transaction.
     */
    public void releaseClaims(String processor) {
        jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ?", processor);
    }

    /**
     * The lock that lets one rebuild run at a time across every instance on this database: a PostgreSQL advisory
     * lock held by a connection of its own for as long as the rebuild runs; null if another holds it.
     */
    public RebuildLock tryLock(String live) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                s.setString(1, "career-ledger rebuild " + live);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new RebuildLock(connection, live);
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException("could not take the rebuild lock", e);
        }
    }

    /** The rebuild lock, released when closed. */
    public static final class RebuildLock implements AutoCloseable {
        private final Connection connection;
        private final String live;

        private RebuildLock(Connection connection, String live) {
            this.connection = connection;
            this.live = live;
        }

        @Override
        public void close() {
            try (connection; PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                s.setString(1, "career-ledger rebuild " + live);
                s.execute();
            } catch (SQLException e) {
                // the connection is gone, and the lock with its session
            }
        }
    }

    static String shadow(String live) {
        return live + "_rebuild";
    }

    static String retired(String live) {
        return live + "_retired";
    }

    private static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
