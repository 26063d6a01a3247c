package com.careerledger.projections.support;

import com.careerledger.projections.support.BulkSql.Type;
import com.careerledger.projections.testsupport.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written column by column in one statement ({@link BulkSql}) are the rows single-row statements with
 * {@code setObject} write: same values, timestamps rounded to the microsecond as the driver rounds them.
 */
@ExtendWith(ReadModelDatabase.class)
class BulkSqlTest {

    JdbcTemplate jdbc;

    @BeforeEach
    void connect(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "id, n, big, flag, label, at, day, doc";

    @Test
    void rows_written_in_one_statement_equal_rows_written_one_by_one() {
        String table = "bulk_sql_probe_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("CREATE TABLE " + table + " (id UUID PRIMARY KEY, n INTEGER, big BIGINT, flag BOOLEAN, "
                + "label VARCHAR(40), at TIMESTAMPTZ, day DATE, doc JSONB, bulk BOOLEAN NOT NULL)");
        try {
            OffsetDateTime base = OffsetDateTime.of(2026, 1, 3, 9, 0, 0, 0, ZoneOffset.UTC);
            int[] nanos = {0, 1, 499, 500, 501, 999, 123_456_499, 123_456_500, 999_999_499, 999_999_500, 999_999_999};
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < nanos.length; i++) {
                rows.add(new Object[]{null, i, (long) i << 40, i % 2 == 0, "label " + i + " 'quoted' \"and\" {braced}, ",
                        base.plusDays(i).withNano(nanos[i]), LocalDate.of(2025, 12, 31).plusDays(i),
                        "{\"outcomes\": [], \"countFrom\": null, \"i\": " + i + "}"});
            }
            rows.add(new Object[]{null, null, null, null, null, null, null, null});

            BulkSql.Rows bulk = new BulkSql.Rows("INSERT INTO " + table + " (" + COLUMNS + ", bulk) SELECT *, TRUE FROM "
                    + "unnest(?::uuid[], ?::int4[], ?::int8[], ?::bool[], ?::text[], ?::timestamptz[], ?::date[], ?::jsonb[])",
                    Type.UUID, Type.INT4, Type.INT8, Type.BOOL, Type.TEXT, Type.TIMESTAMPTZ, Type.DATE, Type.JSONB);
            for (Object[] row : rows) {
                Object[] values = row.clone();
                values[0] = UUID.randomUUID();
                bulk.add(values);
                Object[] single = row.clone();
                single[0] = UUID.randomUUID();
                jdbc.update("INSERT INTO " + table + " (" + COLUMNS + ", bulk) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), FALSE)",
                        single);
            }
            BulkSql.write(jdbc, bulk);

            String values = "SELECT n, big, flag, label, at, day, doc FROM " + table + " WHERE bulk = ? ORDER BY n NULLS LAST";
            List<String> bulkRows = jdbc.queryForList("SELECT row_to_json(t)::text FROM (" + values + ") t", String.class, true);
            List<String> singleRows = jdbc.queryForList("SELECT row_to_json(t)::text FROM (" + values + ") t", String.class, false);
            assertThat(bulkRows).hasSize(rows.size()).isEqualTo(singleRows);
            String micros = "SELECT to_char(at AT TIME ZONE 'UTC', 'HH24:MI:SS.US') FROM " + table + " WHERE bulk AND n = ?";
            assertThat(jdbc.queryForObject(micros, String.class, 2)).isEqualTo("09:00:00.000000"); // 499 ns: down
            assertThat(jdbc.queryForObject(micros, String.class, 3)).isEqualTo("09:00:00.000001"); // 500 ns: up
            assertThat(jdbc.queryForObject(micros, String.class, 10)).isEqualTo("09:00:01.000000"); // carries over
        } finally {
            jdbc.execute("DROP TABLE " + table);
        }
    }

    @Test
    void several_queries_answer_in_order_in_one_read() {
        List<String> seen = new ArrayList<>();
        BulkSql.read(jdbc,
                new BulkSql.Query("SELECT x FROM unnest(?::text[]) x", rs -> seen.add("a:" + rs.getString(1)),
                        new BulkSql.Array(Type.TEXT, List.of("1", "2"))),
                new BulkSql.Query("SELECT x FROM unnest(?::uuid[]) x", rs -> seen.add("b:" + rs.getString(1)),
                        new BulkSql.Array(Type.UUID, List.of())),
                new BulkSql.Query("SELECT ?::int + 1", rs -> seen.add("c:" + rs.getInt(1)), 41));

        assertThat(seen).containsExactly("a:1", "a:2", "c:42");
    }
}
