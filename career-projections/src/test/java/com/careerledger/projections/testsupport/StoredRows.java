package com.careerledger.projections.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person's rows in a read model's tables, comparable across people: each row as JSON behind its table's name,
 * every id of {@code ids} replaced by its place ({@code id0}, {@code id1}, …), sorted. Two careers written with
 * fresh ids in different batches compare equal when the read model wrote the same rows for both.
 */
public final class StoredRows {

    private StoredRows() {
    }

    public static List<String> of(JdbcTemplate jdbc, UUID person, List<UUID> ids, String... tables) {
        List<String> named = new ArrayList<>();
        for (String table : tables) {
            for (String row : jdbc.queryForList("SELECT '" + table + "' || row_to_json(t)::text FROM " + table
                    + " t WHERE person_id = ?", String.class, person)) {
                for (int n = 0; n < ids.size(); n++) {
                    row = row.replace(ids.get(n).toString(), "id" + n);
                }
                named.add(row);
            }
        }
        named.sort(null);
        return named;
    }
}
