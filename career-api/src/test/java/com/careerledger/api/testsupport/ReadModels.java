package com.careerledger.api.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every read model's tables, compared as data; and the admin API to wait for and rebuild projections. */
public final class ReadModels {

    /** Tables that are not read models: the event store, Flyway, the write side's own lookup, idempotency keys, dead letters. */
    private static final Set<String> NOT_READ_MODELS = Set.of("domain_event_entry", "snapshot_event_entry",
            "token_entry", "flyway_schema_history", "person_lookup", "idempotency_keys", "dead_letter_entry");

    private final JdbcTemplate jdbc;
    private final Http http;

    public ReadModels(JdbcTemplate jdbc, Http http) {
        this.jdbc = jdbc;
        this.http = http;
    }

    /** Each read-model table's rows as JSON text, sorted: equal snapshots mean equal read models. */
    public Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", String.class)) {
            if (!NOT_READ_MODELS.contains(table)) {
                List<String> rows = new ArrayList<>(jdbc.queryForList(
                        "SELECT row_to_json(t)::text FROM " + table + " t", String.class));
                rows.sort(null);
                tables.put(table, rows);
            }
        }
        assertThat(tables).as("read-model tables found").isNotEmpty();
        return tables;
    }

    public List<String> trackingProjections() {
        List<String> names = new ArrayList<>();
        for (JsonNode p : http.get("/api/admin/projections").json().get("items")) {
            if ("tracking".equals(p.get("kind").asText())) {
                names.add(p.get("name").asText());
            }
        }
        return names;
    }

    /** Waits until every tracking projection is live and has processed the last stored event. */
    public void awaitAllCaughtUp() {
        Eventually.await("all projections live and caught up", () -> http.get("/api/admin/projections").json(),
                page -> {
                    for (JsonNode p : page.get("items")) {
                        if ("tracking".equals(p.get("kind").asText())
                                && !("LIVE".equals(p.get("state").asText()) && p.get("lag").asLong(-1) == 0)) {
                            return false;
                        }
                    }
                    return true;
                }, Duration.ofSeconds(60));
    }

    /** Rebuilds every read model in one replay: {@code POST /api/admin/projections/rebuild}. */
    public void rebuildAll() {
        Http.Response r = http.post("/api/admin/projections/rebuild", "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        // rebuilding, or (a small store) rebuilt already before the answer was written
        rebuildStartedAt(r.json());
    }

    public void rebuild(String name) {
        Http.Response r = http.post("/api/admin/projections/" + name + "/rebuild", "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    /**
     * Rebuilds these read models through the admin API (a second name joins the first one's rebuild: both start
     * again together) and waits until the rebuild has switched in and every read model has caught up.
     */
    public static void rebuildAndAwait(Http http, String... names) {
        String startedAt = null;
        for (String name : names) {
            Http.Response r = http.post("/api/admin/projections/" + name + "/rebuild", "");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            startedAt = rebuildStartedAt(r.json());
        }
        String started = startedAt;
        for (String name : names) {
            JsonNode status = Eventually.await("the rebuild of " + name + " switched in",
                    () -> http.get("/api/admin/projections/" + name).json(),
                    s -> s.hasNonNull("lastRebuild") && s.get("lastRebuild").get("startedAt").asText().equals(started),
                    Duration.ofSeconds(60));
            assertThat(status.get("lastRebuild").get("outcome").asText()).as(status.toString()).isEqualTo("SWITCHED");
        }
        new ReadModels(null, http).awaitAllCaughtUp();
    }

    /**
     * When the rebuild a 202 answered for started: its {@code rebuild} block, or, if it was over before the answer was
     * written (a small store), its {@code lastRebuild}. For a list, the first read model's.
     */
    public static String rebuildStartedAt(JsonNode answer) {
        JsonNode status = answer;
        if (answer.has("items")) {
            status = null;
            for (JsonNode s : answer.get("items")) {
                if ("tracking".equals(s.get("kind").asText())) {
                    status = s;
                    break;
                }
            }
            assertThat(status).as("a read model in %s", answer).isNotNull();
        }
        JsonNode block = status.hasNonNull("rebuild") ? status.get("rebuild") : status.get("lastRebuild");
        assertThat(block).as("a rebuild started: %s", status).isNotNull();
        return block.get("startedAt").asText();
    }
}
