package com.careerledger.projections.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The rows of a projection's batch in as few round trips as possible: many rows in one statement, several
 * statements in one round trip.
 * <ul>
 *     <li>{@link Rows}: a statement over many rows whose values travel column by column, one array parameter per
 *     column, which the statement {@code unnest}s ({@code INSERT INTO t (a, b) SELECT * FROM unnest(?::uuid[],
 *     ?::text[]) ON CONFLICT …}). The SQL is the same whatever the number of rows, so PostgreSQL prepares and
 *     plans it once per connection, and parses no long {@code VALUES} list.</li>
 *     <li>{@link #write}: the statements that have rows, sent as one multi-statement text: one round trip for the
 *     writes of a whole batch. {@link #read}: likewise for several queries, each result set to its handler.</li>
 * </ul>
 * Values are converted as the driver converts them for {@code setObject}, so a row written here equals the row
 * a single-row statement would have written; in particular a timestamp is rounded to the microsecond exactly as
 * the driver rounds an {@link OffsetDateTime} (half up on the nanoseconds).
 */
public final class BulkSql {

    /** The PostgreSQL type of a column's values; the statement casts its array parameter to {@code type[]}. */
    public enum Type {
        UUID("uuid"), TEXT("text"), BOOL("bool"), INT4("int4"), INT8("int8"),
        /** an {@link OffsetDateTime}, sent as text: cast with {@code ?::timestamptz[]} */
        TIMESTAMPTZ("text"),
        /** a {@link LocalDate}, sent as text: cast with {@code ?::date[]} */
        DATE("text"),
        /** JSON text: cast with {@code ?::jsonb[]} */
        JSONB("text");

        private final String arrayOf;

        Type(String arrayOf) {
            this.arrayOf = arrayOf;
        }

        Object element(Object value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                case TIMESTAMPTZ -> timestamp((OffsetDateTime) value);
                case DATE -> ((LocalDate) value).toString();
                default -> value;
            };
        }

        Object[] newArray(int size) {
            return switch (this) {
                case UUID -> new UUID[size];
                case BOOL -> new Boolean[size];
                case INT4 -> new Integer[size];
                case INT8 -> new Long[size];
                default -> new String[size];
            };
        }
    }

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private BulkSql() {
    }

    /** A timestamp as text with microseconds, rounded as the driver rounds an {@link OffsetDateTime}. */
    static String timestamp(OffsetDateTime t) {
        return TIMESTAMP.format(StoredTime.asStored(t));
    }

    /** One statement over many rows, each column's values bound as one array parameter. */
    public static final class Rows {
        private final String sql;
        private final Type[] types;
        private final List<Object[]> rows = new ArrayList<>();

        /**
         * @param sql   the statement, with one {@code ?} per column, in the order of {@code types}
         * @param types the columns' types
         */
        public Rows(String sql, Type... types) {
            this.sql = sql;
            this.types = types.clone();
        }

        /** A row: one value per column, in the order of the types. */
        public void add(Object... values) {
            if (values.length != types.length) {
                throw new IllegalArgumentException(values.length + " values for " + types.length + " columns");
            }
            rows.add(values);
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public int size() {
            return rows.size();
        }

        private int bind(PreparedStatement ps, int index) throws SQLException {
            Connection c = ps.getConnection();
            for (int column = 0; column < types.length; column++) {
                Type type = types[column];
                Object[] values = type.newArray(rows.size());
                for (int row = 0; row < values.length; row++) {
                    values[row] = type.element(rows.get(row)[column]);
                }
                ps.setArray(index++, c.createArrayOf(type.arrayOf, values));
            }
            return index;
        }
    }

    /** An array parameter of a {@link Query}. */
    public record Array(Type type, Collection<?> values) {
    }

    /** A query of a {@link #read}: parameters are {@link Array}s or plain values. */
    public record Query(String sql, RowCallbackHandler rows, Object... params) {
    }

    /** Runs the statements that have rows, in this order, in one round trip (nothing if none has a row). */
    public static void write(JdbcTemplate jdbc, Rows... statements) {
        List<Rows> used = new ArrayList<>();
        StringJoiner sql = new StringJoiner(";\n");
        for (Rows statement : statements) {
            if (!statement.isEmpty()) {
                used.add(statement);
                sql.add(statement.sql);
            }
        }
        if (used.isEmpty()) {
            return;
        }
        jdbc.execute(sql.toString(), (PreparedStatement ps) -> {
            int index = 1;
            for (Rows statement : used) {
                index = statement.bind(ps, index);
            }
            ps.execute();
            for (Rows statement : used) {
                statement.rows.clear();
            }
            return null;
        });
    }

    /** Runs the queries in one round trip; each one's rows go to its handler, in order. */
    public static void read(JdbcTemplate jdbc, Query... queries) {
        if (queries.length == 0) {
            return;
        }
        StringJoiner sql = new StringJoiner(";\n");
        for (Query query : queries) {
            sql.add(query.sql());
        }
        jdbc.execute(sql.toString(), (PreparedStatement ps) -> {
            int index = 1;
            for (Query query : queries) {
                for (Object param : query.params()) {
                    if (param instanceof Array array) {
                        Object[] values = array.type().newArray(array.values().size());
                        int i = 0;
                        for (Object value : array.values()) {
                            values[i++] = array.type().element(value);
                        }
                        ps.setArray(index++, ps.getConnection().createArrayOf(array.type().arrayOf, values));
                    } else {
                        ps.setObject(index++, param);
                    }
                }
            }
            boolean isResultSet = ps.execute();
            for (Query query : queries) {
                while (!isResultSet) {
                    if (ps.getUpdateCount() == -1) {
                        throw new SQLException("fewer results than queries");
                    }
                    isResultSet = ps.getMoreResults();
                }
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        query.rows().processRow(rs);
                    }
                }
                isResultSet = ps.getMoreResults();
            }
            return null;
        });
    }
}
