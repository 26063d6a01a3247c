package com.careerledger.api.storage;

import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event store as PostgreSQL holds it: Flyway's schema, readable JSON, no large objects, no duplicates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventStoreSchemaTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void no_column_anywhere_is_an_oid_large_object() {
        List<String> oidColumns = jdbc.queryForList("""
                SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns
                WHERE data_type = 'oid' AND table_schema NOT IN ('pg_catalog', 'information_schema')""", String.class);

        assertThat(oidColumns).isEmpty();
        // and the check itself would see one if it were there
        jdbc.execute("CREATE TEMP TABLE oid_probe (o oid)");
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM information_schema.columns WHERE data_type = 'oid' AND table_name = 'oid_probe'",
                Integer.class)).isEqualTo(1);
        jdbc.execute("DROP TABLE oid_probe");
    }

    @Test
    void payloads_metadata_and_tokens_use_jsonb_or_bytea() {
        Map<String, String> types = Map.of(
                "domain_event_entry.payload", "jsonb",
                "domain_event_entry.meta_data", "jsonb",
                "snapshot_event_entry.payload", "jsonb",
                "snapshot_event_entry.meta_data", "jsonb",
                "token_entry.token", "bytea");
        types.forEach((column, type) -> {
            String[] parts = column.split("\\.");
            assertThat(jdbc.queryForObject(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                    String.class, parts[0], parts[1])).as(column).isEqualTo(type);
        });
    }

    @Test
    void the_schema_is_owned_by_flyway() {
        List<String> applied = jdbc.queryForList(
                "SELECT description FROM flyway_schema_history WHERE success ORDER BY installed_rank", String.class);

        assertThat(applied).contains("axon event store", "directory");
    }

    @Test
    void the_global_index_is_an_identity_without_pooled_allocation() {
        Map<String, Object> column = jdbc.queryForMap("""
                SELECT is_identity, identity_generation FROM information_schema.columns
                WHERE table_name = 'domain_event_entry' AND column_name = 'global_index'""");
        assertThat(column.get("is_identity")).isEqualTo("YES");
        Long cache = jdbc.queryForObject(
                "SELECT cache_size FROM pg_sequences WHERE sequencename = pg_get_serial_sequence('domain_event_entry', 'global_index')::regclass::text "
                        + "OR schemaname || '.' || sequencename = pg_get_serial_sequence('domain_event_entry', 'global_index')",
                Long.class);
        assertThat(cache).isEqualTo(1L);
    }

    @Test
    void a_stored_event_is_readable_json_with_ids_only_in_its_metadata() {
        String email = "json-" + UUID.randomUUID() + "@example.com";
        String id = new Http(port).post("/api/people", """
                {"name":"Jason","email":"%s","discipline":"PRODUCT","track":"IC","level":"IC1"}""".formatted(email))
                .json().get("id").asText();

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT payload ->> 'name' AS name, payload ->> 'email' AS email, payload_revision,
                       meta_data ->> 'actor' AS actor, meta_data ->> 'correlationId' AS correlation, meta_data::text AS meta
                FROM domain_event_entry WHERE aggregate_identifier = ?""", id);

        assertThat(row.get("name")).isEqualTo("Jason");
        assertThat(row.get("email")).isEqualTo(email);
        assertThat(row.get("payload_revision")).isEqualTo("1");
        assertThat(row.get("actor")).isEqualTo(new Http(port).actorId());
        assertThat(row.get("correlation")).isNotNull();
        assertThat((String) row.get("meta")).doesNotContain("Jason", email);
    }

    @Test
    void two_events_cannot_share_an_aggregate_sequence_number_or_an_identifier() {
        String aggregate = UUID.randomUUID().toString();
        String insert = """
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Person', '2026-01-01T00:00:00Z', 'probe', '1', '{}'::jsonb, '{}'::jsonb)""";
        String eventId = UUID.randomUUID().toString();
        jdbc.update(insert, eventId, aggregate, 0L);
        try {
            assertThatThrownBy(() -> jdbc.update(insert, UUID.randomUUID().toString(), aggregate, 0L))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThatThrownBy(() -> jdbc.update(insert, eventId, UUID.randomUUID().toString(), 0L))
                    .isInstanceOf(DuplicateKeyException.class);
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", aggregate);
        }
    }
}
