package com.careerledger.api.admin;

import com.careerledger.api.testsupport.BulkImport;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild nobody notices (issue 15, ADR 0013): while every read model is rebuilt under a load of writes, readers
 * keep reading the directory, the readiness board, the decisions and people's performance histories, and never miss
 * a person, a quarter or a decision they saw before; nothing written during the rebuild is lost; and after the switch
 * the read models equal a rebuild from scratch. A database of its own, with 40,000 more people written straight into
 * the event store, so that the rebuild runs long enough for many reads to meet it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"career.db.embedded.database=zero_downtime_rebuild",
        // small batches: the rebuild moves in many steps, and readers meet every phase of it; two threads (the people
        // here share no read-model key), so that the split of a batch is tried too
        "career.rebuild.batch-size=500", "career.rebuild.threads=2",
        "career.security.rate-limit.writes-per-second=10000", "career.security.rate-limit.burst=10000",
        "career.security.rate-limit.writes-per-minute=1000000"})
class ZeroDowntimeRebuildTest {

    static final int BULK_PEOPLE = 40_000;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readers_miss_nothing_while_every_read_model_is_rebuilt_under_writes_and_the_result_equals_a_fresh_rebuild()
            throws Exception {
        CareerStories stories = new CareerStories(port);
        Http http = stories.http();
        ReadModels readModels = new ReadModels(jdbc, http);
        List<String> seeded = new ArrayList<>(stories.richCareers());
        seeded.addAll(stories.richCareers());
        List<String> ready = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String p = stories.register("IC2");
            stories.quarterAt(p, "2026-Q1", "IC3");
            stories.quarterAt(p, "2026-Q2", "IC3");
            ready.add(p);
        }
        seeded.addAll(ready);
        BulkImport.people(jdbc, BULK_PEOPLE);
        readModels.awaitAllCaughtUp();

        // what readers see before the rebuild
        long directory = http.get("/api/people?size=1").json().get("total").asLong();
        Set<String> board = readinessBoard(http);
        long decisions = http.get("/api/promotions?size=1").json().get("total").asLong();
        Map<String, Integer> quarters = new HashMap<>();
        for (String p : seeded) {
            quarters.put(p, stories.performanceHistory(p).get("quarters").size());
        }
        assertThat(board).containsAll(ready);
        assertThat(decisions).isPositive();

        AtomicBoolean stop = new AtomicBoolean();
        List<String> missed = new CopyOnWriteArrayList<>();
        List<String> written = new CopyOnWriteArrayList<>();
        AtomicInteger readsWhileRebuilding = new AtomicInteger();
        Thread writer = new Thread(() -> {
            CareerStories w = new CareerStories(port);
            while (!stop.get()) {
                String p = w.register("IC1");
                w.open(p, "2026-Q1");
                w.evidence(p, "2026-Q1", "Written during the rebuild", "IC1");
                written.add(p);
            }
        }, "writer");
        Thread reader = new Thread(() -> {
            Http r = new Http(port);
            long lastDirectory = directory;
            int turn = 0;
            while (!stop.get()) {
                boolean rebuilding = r.get("/api/admin/projections").json().get("items").findValuesAsText("state")
                        .contains("REBUILDING");
                long nowDirectory = r.get("/api/people?size=1").json().get("total").asLong();
                if (nowDirectory < lastDirectory) {
                    missed.add("directory went from " + lastDirectory + " to " + nowDirectory + " people");
                }
                lastDirectory = Math.max(lastDirectory, nowDirectory);
                Set<String> nowBoard = readinessBoard(r);
                if (!nowBoard.containsAll(ready)) {
                    missed.add("readiness board without some of " + ready + ": " + nowBoard);
                }
                long nowDecisions = r.get("/api/promotions?size=1").json().get("total").asLong();
                if (nowDecisions < decisions) {
                    missed.add(nowDecisions + " decisions of " + decisions);
                }
                String p = seeded.get(turn++ % seeded.size());
                Http.Response history = r.get("/api/people/" + p + "/performance-history");
                if (history.status() != 200 || history.json().get("quarters").size() < quarters.get(p)) {
                    missed.add("performance history of " + p + ": " + history.status() + " " + history.body());
                }
                if (rebuilding) {
                    readsWhileRebuilding.incrementAndGet();
                }
            }
        }, "reader");
        writer.start();
        reader.start();
        try {
            Http.Response started = http.post("/api/admin/projections/rebuild", "");
            assertThat(started.status()).isEqualTo(202);
            awaitSwitched(http, startedAt(started));
            // the readers go on a little after the switch too
            int after = readsWhileRebuilding.get();
            Eventually.await("reads after the switch", () -> written.size(), n -> n > 0);
            Eventually.await("a few more reads", readsWhileRebuilding::get, n -> n >= after);
        } finally {
            stop.set(true);
            writer.join(30_000);
            reader.join(30_000);
        }

        assertThat(missed).as("what readers missed during the rebuild").isEmpty();
        assertThat(readsWhileRebuilding.get()).as("reads made while the rebuild ran").isGreaterThan(5);
        readModels.awaitAllCaughtUp();
        for (String p : written) {
            assertThat(http.get("/api/people/" + p + "/quarters/2026-Q1").json().get("evidence").size())
                    .as("what was written during the rebuild, for %s", p).isEqualTo(1);
        }
        assertThat(http.get("/api/people?size=1").json().get("total").asLong())
                .isEqualTo(directory + written.size());

        Map<String, List<String>> switched = readModels.snapshot();
        Http.Response again = http.post("/api/admin/projections/rebuild", "");
        assertThat(again.status()).isEqualTo(202);
        awaitSwitched(http, startedAt(again));
        readModels.awaitAllCaughtUp();
        assertThat(readModels.snapshot()).as("a rebuild from scratch, without writes").isEqualTo(switched);
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%_rebuild' "
                + "OR nspname LIKE '%_retired'", String.class)).as("nothing of the rebuild is left").isEmpty();
    }

    private static String startedAt(Http.Response started) {
        return ReadModels.rebuildStartedAt(started.json());
    }

    /** Every read model's last rebuild is the one started at {@code startedAt}, and it switched in. */
    private static void awaitSwitched(Http http, String startedAt) {
        JsonNode page = Eventually.await("every read model switched in", () -> http.get("/api/admin/projections").json(),
                p -> {
                    for (JsonNode s : p.get("items")) {
                        if ("tracking".equals(s.get("kind").asText()) && !(s.hasNonNull("lastRebuild")
                                && s.get("lastRebuild").get("startedAt").asText().equals(startedAt))) {
                            return false;
                        }
                    }
                    return true;
                }, Duration.ofSeconds(180));
        for (JsonNode s : page.get("items")) {
            if ("tracking".equals(s.get("kind").asText())) {
                assertThat(s.get("lastRebuild").get("outcome").asText()).as(s.toString()).isEqualTo("SWITCHED");
            }
        }
    }

    private static Set<String> readinessBoard(Http http) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode p : http.get("/api/readiness?size=200").json().get("items")) {
            ids.add(p.get("id").asText());
        }
        return ids;
    }
}
