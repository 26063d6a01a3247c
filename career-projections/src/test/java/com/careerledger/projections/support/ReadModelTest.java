package com.careerledger.projections.support;

import com.careerledger.domain.shared.Track;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one way read models write ({@link ReadModel}, {@link Table}): rows needed by a batch are read, changed in
 * memory in order and written once at its end; a column declared once reads back as it was written.
 */
@ExtendWith(ReadModelDatabase.class)
class ReadModelTest {

    /** A probe row: every column type, a composite key, a fixed column, a version. */
    static final class Probe {
        UUID owner;
        String name;
        String label;
        Track track;
        Integer count;
        Long version;
        Boolean flag;
        OffsetDateTime at;
        LocalDate day;
        Map<String, Integer> doc;
        String created;
        String closed;
    }

    JdbcTemplate jdbc;
    String tableName;
    Table<Probe> table;
    Table.Index<Probe> byOwner;
    ReadModel model;

    @BeforeEach
    void create(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        tableName = "read_model_probe_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("CREATE TABLE " + tableName + " (owner UUID, name TEXT, label TEXT, track TEXT, count INTEGER, "
                + "version BIGINT NOT NULL, flag BOOLEAN, at TIMESTAMPTZ, day DATE, doc JSONB, created TEXT, "
                + "closed TEXT, PRIMARY KEY (owner, name))");
        table = Table.named(tableName, Probe::new)
                .key("owner", ColumnType.UUID, p -> p.owner, (p, v) -> p.owner = v)
                .key("name", ColumnType.TEXT, p -> p.name, (p, v) -> p.name = v)
                .column("label", ColumnType.TEXT, p -> p.label, (p, v) -> p.label = v)
                .column("track", ColumnType.text(Track.class), p -> p.track, (p, v) -> p.track = v)
                .column("count", ColumnType.INT4, p -> p.count, (p, v) -> p.count = v)
                .version("version", p -> p.version, (p, v) -> p.version = v)
                .column("flag", ColumnType.BOOL, p -> p.flag, (p, v) -> p.flag = v)
                .column("at", ColumnType.TIMESTAMPTZ, p -> p.at, (p, v) -> p.at = v)
                .column("day", ColumnType.DATE, p -> p.day, (p, v) -> p.day = v)
                .column("doc", ColumnType.json(new TypeReference<Map<String, Integer>>() {
                }), p -> p.doc, (p, v) -> p.doc = v)
                .fixed("created", ColumnType.TEXT, p -> p.created, (p, v) -> p.created = v)
                .setOnce("closed", ColumnType.TEXT, p -> p.closed, (p, v) -> p.closed = v)
                .unlessNewer("version")
                .build();
        byOwner = table.index("owner");
        model = new ReadModel(this, jdbc, table);
    }

    @AfterEach
    void drop() {
        jdbc.execute("DROP TABLE " + tableName);
    }

    /** The handlers' work in one unit of work: one batch, written when it commits. */
    private void inOneBatch(Runnable handlers) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch")).execute(handlers);
    }

    private Probe probe(UUID owner, String name, long version) {
        Probe p = new Probe();
        p.owner = owner;
        p.name = name;
        p.version = version;
        p.created = "created at " + version;
        return p;
    }

    private long xmin(UUID owner, String name) {
        return jdbc.queryForObject("SELECT xmin::text::bigint FROM " + tableName + " WHERE owner = ? AND name = ?",
                Long.class, owner, name);
    }

    @Test
    void every_column_reads_back_as_it_was_written() {
        UUID owner = UUID.randomUUID();
        Probe written = probe(owner, "a 'quoted' {name}, with \"commas\"", 1);
        written.label = "label";
        written.track = Track.MANAGER;
        written.count = 7;
        written.flag = true;
        written.at = OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 123_456_500, ZoneOffset.ofHours(2));
        written.day = LocalDate.of(2026, 2, 28);
        written.doc = Map.of("quarters", 3);
        Probe empty = probe(owner, "nulls", 1);
        inOneBatch(() -> model.handle(work -> work.then(rows -> {
            rows.insert(table, written);
            rows.insert(table, empty);
        })));

        List<Probe> read = model.select(table, "t.owner = ? ORDER BY t.name", owner);
        assertThat(read).hasSize(2);
        Probe back = read.get(0);
        assertThat(back).usingRecursiveComparison().ignoringFields("at").isEqualTo(written);
        // to the microsecond, rounded half up as the driver rounds; the instant, not the offset, is kept
        assertThat(back.at.toInstant()).isEqualTo(OffsetDateTime.of(2026, 3, 1, 7, 30, 0, 123_457_000, ZoneOffset.UTC).toInstant());
        assertThat(read.get(1)).usingRecursiveComparison().isEqualTo(empty);
    }

    @Test
    void a_batch_reads_what_it_needs_changes_it_in_order_and_writes_each_changed_row_once() {
        UUID owner = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "kept", 1)))));
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "changed", 1)))));
        long keptBefore = xmin(owner, "kept");

        List<String> seen = new ArrayList<>();
        inOneBatch(() -> {
            Table.Key<Probe> kept = table.key(owner, "kept");
            Table.Key<Probe> changed = table.key(owner, "changed");
            model.handle(work -> work.need(kept).then(rows -> seen.add("kept at " + rows.get(kept).version)));
            model.handle(work -> work.need(changed).then(rows -> rows.update(changed, p -> {
                p.count = 1;
                p.version = 2L;
            })));
            model.handle(work -> work.need(changed).then(rows -> rows.update(changed, p -> {
                seen.add("changed saw count " + p.count);
                p.count = p.count + 1;
                p.version = 3L;
            })));
            // nothing stored and nothing inserted: an update of it changes nothing
            model.handle(work -> work.need(table.key(owner, "absent"))
                    .then(rows -> seen.add("absent updated: " + rows.update(table.key(owner, "absent"), p -> p.count = 9))));
            assertThat(seen).as("nothing is applied before the batch ends").isEmpty();
        });

        assertThat(seen).containsExactly("kept at 1", "changed saw count 1", "absent updated: false");
        Probe changed = model.select(table, "t.owner = ? AND t.name = 'changed'", owner).get(0);
        assertThat(changed.count).isEqualTo(2);
        assertThat(changed.version).isEqualTo(3L);
        assertThat(xmin(owner, "kept")).as("a row only read is not written").isEqualTo(keptBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + tableName + " WHERE owner = ?", Integer.class, owner))
                .isEqualTo(2);
    }

    @Test
    void a_stored_row_newer_than_the_written_one_is_kept_and_fixed_columns_never_change() {
        UUID owner = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "p", 5)))));

        Probe stale = probe(owner, "p", 4);
        stale.label = "stale";
        Probe same = probe(owner, "p", 5);
        same.label = "same version";
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, stale))));
        assertThat(model.select(table, "t.owner = ?", owner).get(0).label).isNull();

        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, same))));
        Probe stored = model.select(table, "t.owner = ?", owner).get(0);
        assertThat(stored.label).isEqualTo("same version");
        assertThat(stored.created).as("written when inserted only").isEqualTo("created at 5");
    }

    @Test
    void a_set_once_column_keeps_its_first_value_when_the_row_is_written_again_unread() {
        UUID owner = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "p", 1)))));
        for (String closed : new String[]{"first", null, "second"}) {
            Probe again = probe(owner, "p", 1);
            again.closed = closed;
            again.label = "written with " + closed;
            inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, again))));
        }
        Probe stored = model.select(table, "t.owner = ?", owner).get(0);
        assertThat(stored.closed).isEqualTo("first");
        assertThat(stored.label).as("the other columns are written").isEqualTo("written with second");
    }

    @Test
    void an_event_is_applied_once_to_a_row_that_reflects_an_earlier_one() {
        UUID owner = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "p", 2)))));
        Table.Key<Probe> key = table.key(owner, "p");
        List<String> applied = new ArrayList<>();
        inOneBatch(() -> {
            for (long sequence : new long[]{2, 3, 3, 1, 4}) {
                model.handle(work -> work.need(key).then(rows -> {
                    if (rows.applyOnce(key, sequence, p -> p.count = (p.count == null ? 0 : p.count) + 1)) {
                        applied.add("applied " + sequence);
                    }
                }));
            }
            model.handle(work -> work.need(table.key(owner, "absent")).then(rows -> applied.add(
                    "absent " + rows.applyOnce(table.key(owner, "absent"), 9, p -> p.count = 9))));
        });
        assertThat(applied).containsExactly("applied 3", "applied 4", "absent false");
        Probe stored = model.select(table, "t.owner = ?", owner).get(0);
        assertThat(stored.version).isEqualTo(4L);
        assertThat(stored.count).isEqualTo(2);
    }

    @Test
    void insert_if_absent_keeps_the_row_there_is() {
        UUID owner = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "p", 1)))));
        List<Long> kept = new ArrayList<>();
        inOneBatch(() -> {
            Probe again = probe(owner, "p", 9);
            model.handle(work -> work.need(table.key(owner, "p"))
                    .then(rows -> kept.add(rows.insertIfAbsent(table, again).version)));
            Probe fresh = probe(owner, "q", 1);
            model.handle(work -> work.need(table.key(owner, "q"))
                    .then(rows -> kept.add(rows.insertIfAbsent(table, fresh).version)));
        });
        assertThat(kept).containsExactly(1L, 1L);
        assertThat(model.select(table, "t.owner = ? ORDER BY t.name", owner)).extracting(p -> p.version)
                .containsExactly(1L, 1L);
    }

    @Test
    void an_index_finds_stored_rows_and_those_the_batch_inserted() {
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        inOneBatch(() -> model.handle(work -> work.then(rows -> {
            rows.insert(table, probe(owner, "stored", 1));
            rows.insert(table, probe(other, "someone else's", 1));
        })));
        List<String> names = new ArrayList<>();
        inOneBatch(() -> {
            model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "inserted", 1))));
            model.handle(work -> work.needAll(byOwner, owner)
                    .then(rows -> rows.all(byOwner, owner).forEach(p -> names.add(p.name))));
        });
        assertThat(names).containsExactlyInAnyOrder("stored", "inserted");
    }

    @Test
    void outside_a_batch_each_handler_is_written_at_once() {
        UUID owner = UUID.randomUUID();
        model.handle(work -> work.then(rows -> rows.insert(table, probe(owner, "p", 1))));
        assertThat(model.select(table, "t.owner = ?", owner)).hasSize(1);
    }

    @Test
    void a_key_has_one_value_per_key_column() {
        assertThatThrownBy(() -> table.key(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.index("no_such_column")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_read_model_names_its_tables_in_the_order_it_writes_them() {
        assertThat(model.tableNames()).containsExactly(tableName);
    }
}
