package com.careerledger.projections.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-model table, its columns declared once: each with its type and how a row class gets and sets it. From the
 * declaration come the statements a {@link ReadModel} runs — the rows of many keys read in one query, the changed
 * rows written in one upsert — and the mapping of both, so a column is named in one place.
 * <pre>{@code
 * static final Table<GoalRow> GOALS = Table.named("quarter_goal", GoalRow::new)
 *         .key("goal_id", ColumnType.UUID, r -> r.goalId, (r, v) -> r.goalId = v)
 *         .fixed("person_id", ColumnType.UUID, r -> r.personId, (r, v) -> r.personId = v)
 *         .column("title", ColumnType.TEXT, r -> r.title, (r, v) -> r.title = v)
 *         .build();
 * }</pre>
 * Key columns come first; {@code fixed} columns are written when the row is inserted and never updated;
 * {@code setOnce} columns keep the first value they are given; the other columns are updated when a stored row is
 * written again. A row class is a plain holder with a no-argument
 * constructor; which rows changed is the {@link ReadModel}'s business, not the row's.
 *
 * @param <R> the row class
 */
public final class Table<R> {

    /** What writing a row again does to a column of the stored row. */
    enum Update {
        /** left as stored */
        NEVER,
        /** written */
        ALWAYS,
        /** written only while the stored value is null: the first value set stays */
        WHILE_NULL
    }

    /** A column: its name, its type, and how a row gets and sets it. */
    public record Column<R, V>(String name, ColumnType<V> type, Function<R, V> get, BiConsumer<R, V> set,
                               Update update) {
        void read(R row, ResultSet rs, int position) throws SQLException {
            set.accept(row, type.read(rs, position));
        }

        Object write(R row) {
            return type.write(get.apply(row));
        }
    }

    /** The key of one row of a table. */
    public record Key<R>(Table<R> table, List<Object> values) {
    }

    /**
     * Columns rows are found by besides the key ({@code person_id} of a person's quarters, say): a {@link ReadModel}
     * loads every row of an index key, and finds them, with those the batch inserted, by it. Index columns do not
     * change once a row is inserted.
     */
    public static final class Index<R> {
        private final Table<R> table;
        private final List<Column<R, ?>> columns;
        private final String select;

        private Index(Table<R> table, List<Column<R, ?>> columns) {
            this.table = table;
            this.columns = columns;
            this.select = table.selectBy(columns);
        }

        public Key<R> key(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for the index " + columns);
            }
            return new Key<>(table, List.of(values));
        }

        List<Object> keyOf(R row) {
            return table.valuesOf(columns, row);
        }

        Table<R> table() {
            return table;
        }

        String select() {
            return select;
        }

        BulkSql.Array[] arrays(java.util.Collection<List<Object>> keys) {
            return table.arrays(columns, keys);
        }
    }

    /** What a write does to a row stored already. */
    private enum OnConflict { UPDATE, UPDATE_IF_NOT_OLDER, NOTHING }

    private final String name;
    private final Supplier<R> newRow;
    private final List<Column<R, ?>> columns;
    private final List<Column<R, ?>> keyColumns;
    private final String select;
    private final String upsert;
    private final BulkSql.Type[] types;
    /** The column that says which event of its aggregate a row reflects, if the table has one. */
    private final Column<R, Long> version;

    private Table(Builder<R> b) {
        this.name = b.name;
        this.newRow = b.newRow;
        this.columns = List.copyOf(b.columns);
        this.keyColumns = List.copyOf(b.columns.subList(0, b.keys));
        this.select = selectBy(keyColumns);
        this.upsert = upsert(b.onConflict, b.version);
        this.types = columns.stream().map(c -> c.type().bulk()).toArray(BulkSql.Type[]::new);
        this.version = b.versionColumn;
    }

    /** Starts the declaration of a table whose rows {@code newRow} makes. */
    public static <R> Builder<R> named(String name, Supplier<R> newRow) {
        return new Builder<>(name, newRow);
    }

    public String name() {
        return name;
    }

    /** The key of a row, one value per key column in their order. */
    public Key<R> key(Object... values) {
        if (values.length != keyColumns.size()) {
            throw new IllegalArgumentException(values.length + " values for the key of " + name);
        }
        return new Key<>(this, List.of(values));
    }

    /** Rows found by these columns as well as by their key. */
    public Index<R> index(String... columns) {
        List<Column<R, ?>> found = new ArrayList<>();
        for (String column : columns) {
            found.add(this.columns.stream().filter(c -> c.name().equals(column)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no column " + column)));
        }
        return new Index<>(this, List.copyOf(found));
    }

    /** The row's version ({@link Builder#version}): the sequence number of the last event of its aggregate applied. */
    long versionOf(R row) {
        return version().get().apply(row);
    }

    void version(R row, long sequence) {
        version().set().accept(row, sequence);
    }

    private Column<R, Long> version() {
        if (version == null) {
            throw new IllegalStateException(name + " declares no version column");
        }
        return version;
    }

    Key<R> keyOf(R row) {
        return new Key<>(this, valuesOf(keyColumns, row));
    }

    private List<Object> valuesOf(List<Column<R, ?>> of, R row) {
        Object[] values = new Object[of.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Objects.requireNonNull(of.get(i).get().apply(row), () -> name + " row without a key value");
        }
        return Arrays.asList(values);
    }

    /** A row from the current row of a result set whose columns are this table's, in their order. */
    R read(ResultSet rs) throws SQLException {
        R row = newRow.get();
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).read(row, rs, i + 1);
        }
        return row;
    }

    /** The statement that writes rows of this table, each row as {@link #values} gives it. */
    BulkSql.Rows writer() {
        return new BulkSql.Rows(upsert, types);
    }

    Object[] values(R row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns.get(i).write(row);
        }
        return values;
    }

    String selectByKey() {
        return select;
    }

    BulkSql.Array[] keyArrays(java.util.Collection<List<Object>> keys) {
        return arrays(keyColumns, keys);
    }

    /** The rows matching a condition on the table (alias {@code t}), its parameters plain values. */
    String selectWhere(String condition) {
        return "SELECT " + columnList("t.") + " FROM " + name + " t WHERE " + condition;
    }

    private BulkSql.Array[] arrays(List<Column<R, ?>> by, java.util.Collection<List<Object>> keys) {
        BulkSql.Array[] arrays = new BulkSql.Array[by.size()];
        for (int i = 0; i < arrays.length; i++) {
            int position = i;
            Column<R, ?> column = by.get(i);
            arrays[i] = new BulkSql.Array(column.type().bulk(),
                    keys.stream().map(k -> written(column, k.get(position))).toList());
        }
        return arrays;
    }

    @SuppressWarnings("unchecked")
    private static <R, V> Object written(Column<R, V> column, Object value) {
        return column.type().write((V) value);
    }

    /** Every row of many keys of {@code by} in one query: one array parameter per column of {@code by}. */
    private String selectBy(List<Column<R, ?>> by) {
        if (by.size() == 1) {
            Column<R, ?> c = by.get(0);
            return "SELECT " + columnList("t.") + " FROM " + name + " t WHERE t." + c.name() + " = ANY (?::"
                    + c.type().sql() + "[])";
        }
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        StringJoiner join = new StringJoiner(" AND ");
        for (Column<R, ?> c : by) {
            arrays.add("?::" + c.type().sql() + "[]");
            names.add(c.name());
            join.add("t." + c.name() + " = k." + c.name());
        }
        return "SELECT " + columnList("t.") + " FROM unnest(" + arrays + ") AS k(" + names + ") JOIN " + name
                + " t ON " + join;
    }

    private String upsert(OnConflict onConflict, String version) {
        StringJoiner arrays = new StringJoiner(", ");
        for (Column<R, ?> c : columns) {
            arrays.add("?::" + c.type().sql() + "[]");
        }
        StringJoiner keys = new StringJoiner(", ");
        keyColumns.forEach(c -> keys.add(c.name()));
        String insert = "INSERT INTO " + name + " (" + columnList("") + ") SELECT * FROM unnest(" + arrays + ")"
                + " ON CONFLICT (" + keys + ") DO ";
        StringJoiner set = new StringJoiner(", ");
        for (Column<R, ?> c : columns) {
            switch (c.update()) {
                case ALWAYS -> set.add(c.name() + " = EXCLUDED." + c.name());
                case WHILE_NULL -> set.add(c.name() + " = coalesce(" + name + "." + c.name() + ", EXCLUDED." + c.name() + ")");
                case NEVER -> {
                }
            }
        }
        if (onConflict == OnConflict.NOTHING || set.length() == 0) {
            return insert + "NOTHING";
        }
        String update = insert + "UPDATE SET " + set;
        return onConflict == OnConflict.UPDATE_IF_NOT_OLDER
                ? update + " WHERE " + name + "." + version + " <= EXCLUDED." + version
                : update;
    }

    private String columnList(String prefix) {
        StringJoiner list = new StringJoiner(", ");
        columns.forEach(c -> list.add(prefix + c.name()));
        return list.toString();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The declaration of a table: key columns first, then the others. */
    public static final class Builder<R> {
        private final String name;
        private final Supplier<R> newRow;
        private final List<Column<R, ?>> columns = new ArrayList<>();
        private int keys;
        private OnConflict onConflict = OnConflict.UPDATE;
        private String version;
        private Column<R, Long> versionColumn;

        private Builder(String name, Supplier<R> newRow) {
            this.name = Objects.requireNonNull(name);
            this.newRow = Objects.requireNonNull(newRow);
        }

        /** A column of the primary key. */
        public <V> Builder<R> key(String column, ColumnType<V> type, Function<R, V> get, BiConsumer<R, V> set) {
            if (keys != columns.size()) {
                throw new IllegalStateException("the key columns of " + name + " come first");
            }
            columns.add(new Column<>(column, type, get, set, Update.NEVER));
            keys++;
            return this;
        }

        /** A column written again whenever its row is. */
        public <V> Builder<R> column(String column, ColumnType<V> type, Function<R, V> get, BiConsumer<R, V> set) {
            columns.add(new Column<>(column, type, get, set, Update.ALWAYS));
            return this;
        }

        /**
         * A column set once: a write of the row fills it while the stored value is null and never changes it after
         * (a retraction's instant, say). A row can then be written again without being read first, and keep what was
         * set since it was first written.
         */
        public <V> Builder<R> setOnce(String column, ColumnType<V> type, Function<R, V> get, BiConsumer<R, V> set) {
            columns.add(new Column<>(column, type, get, set, Update.WHILE_NULL));
            return this;
        }

        /**
         * The column that says which event of the row's aggregate the row reflects (its sequence number): what
         * {@link ReadModel.Rows#applyOnce} compares, so a redelivered event changes nothing. Written with the row.
         */
        public Builder<R> version(String column, Function<R, Long> get, BiConsumer<R, Long> set) {
            Column<R, Long> c = new Column<>(column, ColumnType.INT8, get, set, Update.ALWAYS);
            columns.add(c);
            versionColumn = c;
            return this;
        }

        /** A column written when its row is inserted, and never changed after. */
        public <V> Builder<R> fixed(String column, ColumnType<V> type, Function<R, V> get, BiConsumer<R, V> set) {
            columns.add(new Column<>(column, type, get, set, Update.NEVER));
            return this;
        }

        /**
         * A stored row is written again only if it is not newer than the one written: its {@code version} column is
         * at most the written row's (a guard against a stale batch; the batch itself skips redelivered events).
         */
        public Builder<R> unlessNewer(String versionColumn) {
            this.onConflict = OnConflict.UPDATE_IF_NOT_OLDER;
            this.version = Objects.requireNonNull(versionColumn);
            return this;
        }

        /** Rows are only ever inserted: a row stored already stays as it is. */
        public Builder<R> insertOnly() {
            this.onConflict = OnConflict.NOTHING;
            return this;
        }

        public Table<R> build() {
            if (keys == 0) {
                throw new IllegalStateException(name + " has no key column");
            }
            return new Table<>(this);
        }
    }
}
