package com.careerledger.projections.support;

import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The PostgreSQL type of a read-model column and how a row's value of type {@code V} travels to and from it: read
 * from a result set, and written as one element of the column's array parameter ({@link BulkSql}).
 *
 * @param <V> the value's type in a row
 */
public final class ColumnType<V> {

    public static final ColumnType<UUID> UUID = plain(BulkSql.Type.UUID, "uuid",
            (rs, i) -> rs.getObject(i, java.util.UUID.class));
    public static final ColumnType<String> TEXT = plain(BulkSql.Type.TEXT, "text", ResultSet::getString);
    public static final ColumnType<Boolean> BOOL = plain(BulkSql.Type.BOOL, "bool",
            (rs, i) -> rs.getObject(i, Boolean.class));
    public static final ColumnType<Integer> INT4 = plain(BulkSql.Type.INT4, "int4",
            (rs, i) -> rs.getObject(i, Integer.class));
    public static final ColumnType<Long> INT8 = plain(BulkSql.Type.INT8, "int8",
            (rs, i) -> rs.getObject(i, Long.class));
    /** Written to the microsecond, rounded as the driver rounds ({@link StoredTime}). */
    public static final ColumnType<OffsetDateTime> TIMESTAMPTZ = plain(BulkSql.Type.TIMESTAMPTZ, "timestamptz",
            (rs, i) -> rs.getObject(i, OffsetDateTime.class));
    public static final ColumnType<LocalDate> DATE = plain(BulkSql.Type.DATE, "date",
            (rs, i) -> rs.getObject(i, LocalDate.class));
    /** A jsonb column kept as its text in the row: parsed only by what needs it. */
    public static final ColumnType<String> JSONB = plain(BulkSql.Type.JSONB, "jsonb", ResultSet::getString);

    /** Reads a column of a result set by its position. */
    @FunctionalInterface
    public interface Reader<V> {
        V read(ResultSet rs, int column) throws SQLException;
    }

    private final BulkSql.Type bulk;
    private final String sql;
    private final Reader<V> reader;
    private final Function<V, Object> writer;

    private ColumnType(BulkSql.Type bulk, String sql, Reader<V> reader, Function<V, Object> writer) {
        this.bulk = bulk;
        this.sql = sql;
        this.reader = reader;
        this.writer = writer;
    }

    private static <V> ColumnType<V> plain(BulkSql.Type bulk, String sql, Reader<V> reader) {
        return new ColumnType<>(bulk, sql, reader, v -> v);
    }

    /** An enum kept as its name in a text column. */
    public static <E extends Enum<E>> ColumnType<E> text(Class<E> type) {
        Objects.requireNonNull(type);
        return new ColumnType<>(BulkSql.Type.TEXT, "text", (rs, i) -> {
            String name = rs.getString(i);
            return name == null ? null : Enum.valueOf(type, name);
        }, Enum::name);
    }

    /** A value kept as JSON in a jsonb column, mapped by {@link ReadModelJson}. */
    public static <T> ColumnType<T> json(TypeReference<T> type) {
        Objects.requireNonNull(type);
        return new ColumnType<>(BulkSql.Type.JSONB, "jsonb", (rs, i) -> {
            String text = rs.getString(i);
            return text == null ? null : ReadModelJson.read(text, type);
        }, ReadModelJson::write);
    }

    /** The type's name in SQL, as an array parameter is cast: {@code ?::uuid[]}. */
    String sql() {
        return sql;
    }

    BulkSql.Type bulk() {
        return bulk;
    }

    V read(ResultSet rs, int column) throws SQLException {
        return reader.read(rs, column);
    }

    /** The value as {@link BulkSql} binds it. */
    Object write(V value) {
        return value == null ? null : writer.apply(value);
    }
}
