package com.careerledger.projections.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How every read model writes: the one way. A projection declares its {@link Table}s and makes one {@code ReadModel}
 * of them; each event handler says which rows its event needs and what it changes in them:
 * <pre>{@code
 * @EventHandler
 * void on(GoalDropped e, @SequenceNumber long seq) {
 *     model.handle(work -> work.need(GOALS.key(e.goalId()))
 *             .then(rows -> rows.update(GOALS.key(e.goalId()), goal -> goal.active = false)));
 * }
 * }</pre>
 * Nothing is written while the event processor's batch runs ({@link ProjectionBatch}). At its end, in its
 * transaction: the rows every event of the batch needs are read, one query per table and all of them in one round
 * trip; the events' changes are applied to those rows in memory, in the events' order, exactly as if each event had
 * been written on its own; and every row a change inserted or updated is written once, one upsert per table over
 * all its rows, all tables in one round trip ({@link BulkSql}). Nothing is kept between batches. An
 * {@link #immediate} read model does the same for each event on its own, as its handler returns.
 */
public final class ReadModel {

    private final Object owner;
    private final JdbcTemplate jdbc;
    private final List<Table<?>> tables;
    private final boolean immediate;

    /**
     * @param owner  the projection (one batch buffer per projection and batch)
     * @param tables its tables, in the order their changed rows are written
     */
    public ReadModel(Object owner, JdbcTemplate jdbc, Table<?>... tables) {
        this(owner, jdbc, false, tables);
    }

    private ReadModel(Object owner, JdbcTemplate jdbc, boolean immediate, Table<?>... tables) {
        this.owner = Objects.requireNonNull(owner);
        this.jdbc = Objects.requireNonNull(jdbc);
        this.tables = List.of(tables);
        this.immediate = immediate;
    }

    /**
     * A read model whose every event is written as soon as its handler is done, not at the end of a batch: for
     * tables read in the very transaction that writes them — the write side's lookups, which a subscribing processor
     * keeps in the command's transaction, where the rest of the command (and a command it causes) checks against
     * them. Each event is read and written as a batch of one: a round trip for its rows, one for its writes.
     */
    public static ReadModel immediate(Object owner, JdbcTemplate jdbc, Table<?>... tables) {
        return new ReadModel(owner, jdbc, true, tables);
    }

    /** One event's work, noted for the end of the batch (done at once if the read model is {@link #immediate}). */
    public void handle(Consumer<Work> work) {
        if (immediate) {
            Batch batch = new Batch();
            work.accept(batch);
            batch.flush();
        } else {
            ProjectionBatch.with(owner, Batch::new, work::accept);
        }
    }

    /** The names of its tables, in the order their changed rows are written. */
    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }

    /** The rows of {@code table} matching a condition on it (alias {@code t}), outside any batch. */
    public <R> List<R> select(Table<R> table, String condition, Object... params) {
        return jdbc.query(table.selectWhere(condition), (rs, i) -> table.read(rs), params);
    }

    /** Writes rows of {@code table} now, as a batch writes its changed rows (outside any batch: maintenance). */
    public <R> void write(Table<R> table, Collection<R> rows) {
        BulkSql.Rows statement = table.writer();
        rows.forEach(row -> statement.add(table.values(row)));
        BulkSql.write(jdbc, statement);
    }

    /** What a handler says of its event: the rows it needs, then what it does with them. */
    public interface Work {
        /** The row of this key is read at the end of the batch, if it is stored. */
        Work need(Table.Key<?> key);

        /** Every row of this index key is read at the end of the batch ({@link Rows#all}). */
        Work needAll(Table.Index<?> index, Object... values);

        /** The event's change, applied at the end of the batch, after the changes of the events before it. */
        void then(Consumer<Rows> change);

        /** An object that lives as long as the batch: the first handler of a batch creates it. */
        <S> S state(Class<S> type, Supplier<S> create);
    }

    /**
     * The rows of a batch as its changes have made them so far: the stored ones it needs, and those it inserted.
     * A row inserted or updated here is written at the end of the batch.
     */
    public static final class Rows {
        private final Map<Table<?>, TableRows<?>> byTable = new IdentityHashMap<>();
        private final Map<Class<?>, Object> state;

        private Rows(Map<Class<?>, Object> state) {
            this.state = state;
        }

        /** The row of this key, or null if it is neither stored nor inserted by the batch. */
        public <R> R get(Table.Key<R> key) {
            return rows(key.table()).rows.get(key.values());
        }

        /** Changes the row of this key, if there is one, and marks it to be written. */
        public <R> boolean update(Table.Key<R> key, Consumer<R> change) {
            TableRows<R> rows = rows(key.table());
            R row = rows.rows.get(key.values());
            if (row == null) {
                return false;
            }
            change.accept(row);
            rows.changed.add(key.values());
            return true;
        }

        /**
         * Applies an event of the row's aggregate once: {@code change} runs, the row moves to {@code sequence} and is
         * written, only if the row is there and reflects an earlier event (its {@link Table.Builder#version} is below
         * {@code sequence}); a redelivered event, or one for a row not there, changes nothing.
         *
         * @return whether the event was applied
         */
        public <R> boolean applyOnce(Table.Key<R> key, long sequence, Consumer<R> change) {
            TableRows<R> rows = rows(key.table());
            R row = rows.rows.get(key.values());
            if (row == null || key.table().versionOf(row) >= sequence) {
                return false;
            }
            change.accept(row);
            key.table().version(row, sequence);
            rows.changed.add(key.values());
            return true;
        }

        /** A new row (or one that replaces the row of its key), to be written. */
        public <R> R insert(Table<R> table, R row) {
            rows(table).put(table.keyOf(row).values(), row);
            return row;
        }

        /**
         * The row of {@code row}'s key if there is one already (unchanged), else {@code row}, inserted: what
         * {@code INSERT … ON CONFLICT DO NOTHING} would leave.
         */
        public <R> R insertIfAbsent(Table<R> table, R row) {
            TableRows<R> rows = rows(table);
            List<Object> key = table.keyOf(row).values();
            R stored = rows.rows.get(key);
            if (stored != null) {
                return stored;
            }
            rows.put(key, row);
            return row;
        }

        /** Marks a row of the batch, changed in place, to be written. */
        public <R> void changed(Table<R> table, R row) {
            TableRows<R> rows = rows(table);
            List<Object> key = table.keyOf(row).values();
            if (rows.rows.get(key) != row) {
                throw new IllegalArgumentException("not a row of this batch: " + key);
            }
            rows.changed.add(key);
        }

        /** Every row of this index key: the stored ones (if a handler asked for them) and those the batch inserted. */
        public <R> List<R> all(Table.Index<R> index, Object... values) {
            return List.copyOf(rows(index.table()).index(index).getOrDefault(index.key(values).values(), List.of()));
        }

        /** The batch's object of this type ({@link Work#state}). */
        public <S> S state(Class<S> type) {
            return type.cast(state.get(type));
        }

        @SuppressWarnings("unchecked")
        private <R> TableRows<R> rows(Table<R> table) {
            return (TableRows<R>) byTable.computeIfAbsent(table, t -> new TableRows<>(table));
        }
    }

    /** One table's rows in a batch. */
    private static final class TableRows<R> {
        final Table<R> table;
        final Map<List<Object>, R> rows = new HashMap<>();
        final Set<List<Object>> changed = new LinkedHashSet<>();
        final Map<Table.Index<R>, Map<List<Object>, List<R>>> indexes = new IdentityHashMap<>();

        TableRows(Table<R> table) {
            this.table = table;
        }

        void loaded(R row) {
            List<Object> key = table.keyOf(row).values();
            if (rows.putIfAbsent(key, row) == null) {
                indexed(row);
            }
        }

        void put(List<Object> key, R row) {
            R before = rows.put(key, row);
            changed.add(key);
            if (before != null) {
                indexes.forEach((index, byKey) -> byKey.getOrDefault(index.keyOf(before), new ArrayList<>()).remove(before));
            }
            indexed(row);
        }

        private void indexed(R row) {
            indexes.forEach((index, byKey) -> byKey.computeIfAbsent(index.keyOf(row), k -> new ArrayList<>()).add(row));
        }

        Map<List<Object>, List<R>> index(Table.Index<R> index) {
            return indexes.computeIfAbsent(index, i -> {
                Map<List<Object>, List<R>> byKey = new HashMap<>();
                rows.values().forEach(row -> byKey.computeIfAbsent(i.keyOf(row), k -> new ArrayList<>()).add(row));
                return byKey;
            });
        }

        void write(List<BulkSql.Rows> statements) {
            if (changed.isEmpty()) {
                return;
            }
            BulkSql.Rows statement = table.writer();
            for (List<Object> key : changed) {
                statement.add(table.values(rows.get(key)));
            }
            statements.add(statement);
        }
    }

    /** A batch's work: noted by the handlers, done at its end. */
    private final class Batch implements ProjectionBatch.Buffer, Work {
        private final Map<Table<?>, Set<List<Object>>> keys = new LinkedHashMap<>();
        private final Map<Table.Index<?>, Set<List<Object>>> indexKeys = new LinkedHashMap<>();
        private final List<Consumer<Rows>> changes = new ArrayList<>();
        private final Map<Class<?>, Object> state = new HashMap<>();

        @Override
        public Work need(Table.Key<?> key) {
            keys.computeIfAbsent(key.table(), t -> new LinkedHashSet<>()).add(key.values());
            return this;
        }

        @Override
        public Work needAll(Table.Index<?> index, Object... values) {
            indexKeys.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(index.key(values).values());
            return this;
        }

        @Override
        public void then(Consumer<Rows> change) {
            changes.add(change);
        }

        @Override
        public <S> S state(Class<S> type, Supplier<S> create) {
            return type.cast(state.computeIfAbsent(type, t -> create.get()));
        }

        @Override
        public void flush() {
            if (changes.isEmpty()) {
                return;
            }
            Rows rows = load();
            changes.forEach(change -> change.accept(rows));
            changes.clear();
            List<BulkSql.Rows> statements = new ArrayList<>();
            for (Table<?> table : tables) {
                TableRows<?> written = rows.byTable.get(table);
                if (written != null) {
                    written.write(statements);
                }
            }
            BulkSql.write(jdbc, statements.toArray(BulkSql.Rows[]::new));
        }

        private Rows load() {
            Rows rows = new Rows(state);
            List<BulkSql.Query> queries = new ArrayList<>();
            keys.forEach((table, wanted) -> queries.add(query(rows, table, table.selectByKey(),
                    table.keyArrays(wanted))));
            indexKeys.forEach((index, wanted) -> queries.add(query(rows, index.table(), index.select(),
                    index.arrays(wanted))));
            BulkSql.read(jdbc, queries.toArray(BulkSql.Query[]::new));
            keys.clear();
            indexKeys.clear();
            return rows;
        }

        private <R> BulkSql.Query query(Rows rows, Table<R> table, String sql, BulkSql.Array[] arrays) {
            TableRows<R> into = rows.rows(table);
            return new BulkSql.Query(sql, rs -> into.loaded(table.read(rs)), (Object[]) arrays);
        }
    }
}
