package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.careerledger.reliability.WriteLoad.seconds;

/**
 * One malformed {@code EvidenceLogged} row, written into one person's quarter stream with SQL as a bad import or hand
 * edit would: everyone else's read models stay current (within 2 s of each write), the dead-letter queue
 * ({@code GET /api/admin/dead-letters}) lists the poisoned event, and after the row is repaired a retry
 * ({@code POST /api/admin/dead-letters/retry}) drains the queue and the person's evidence arrives.
 */
final class Poison implements FaultSuite.Scenario {

    static final String QUARTER = "2025-Q3";
    static final String LATER_QUARTER = "2025-Q4";
    static final double CURRENT_SECONDS = 2.0;
    static final int ROUNDS = 5;
    static final Duration VISIBLE_LIMIT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String description() {
        return "a malformed EvidenceLogged row for one person: others current within 2 s, the dead-letter queue lists "
                + "it, repair + retry drains it";
    }

    @Override
    public void run(Context ctx, Report report) throws Exception {
        EmbeddedPostgres pg = ctx.postgres("postgres");
        double[] took = new double[1];
        AppProcess app = ctx.healthyApp("app", Context.external(pg), List.of(), took);
        report.tried(String.format(Locale.US, "a PostgreSQL server of its own and the app on it, healthy after %.1f s", took[0]));
        Http http = ctx.http(app);
        Sql sql = Sql.of(pg);

        Ledger.Person poisoned = Ledger.register(http, "Poisoned Pat", "poisoned-" + ctx.runId() + "@example.com",
                List.of(QUARTER, LATER_QUARTER));
        List<Ledger.Person> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(Ledger.register(http, "Bystander " + (char) ('A' + i), "bystander-" + i + "-" + ctx.runId()
                    + "@example.com", List.of(QUARTER)));
        }
        List<Http.Response> setupWrites = new ArrayList<>();
        setupWrites.add(Ledger.logEvidence(http, poisoned.id(), QUARTER, "Before the poison"));
        for (Ledger.Person o : others) {
            setupWrites.add(Ledger.logEvidence(http, o.id(), QUARTER, "Before the poison"));
        }
        for (Http.Response r : setupWrites) {
            http.expect(201, r, "logging evidence before the poison");
        }
        Wait.Outcome<JsonNode> ready = Ledger.awaitCaughtUp(http, Duration.ofSeconds(60));
        if (!ready.reached()) {
            throw new IllegalStateException("the read models did not catch up before the poison: " + ready.describe());
        }

        String aggregate = poisoned.id() + "/" + QUARTER;
        String poisonEventId = insertPoison(sql, poisoned.id(), aggregate);
        report.tried("inserted with SQL into " + aggregate + " an EvidenceLogged event (" + poisonEventId
                + ") whose evidenceId is \"not-a-uuid\" (a wrong type: no read model can read it)");
        Http.Response behind = Ledger.logEvidence(http, poisoned.id(), LATER_QUARTER, "Behind the poison");
        String behindId = behind.status() == 201 ? behind.json().path("evidenceId").asText(null) : null;
        report.tried("logged evidence for the same person in " + LATER_QUARTER + " (a later event of theirs, which must "
                + "wait behind the poison): answered " + behind.status());

        // everyone else writes on; each write's evidence must reach that person's win log within 2 s, watched from
        // another thread while the writes go on
        Queue<Pending> pending = new ConcurrentLinkedQueue<>();
        Map<Pending, Double> visibleAfter = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(http, others, pending, visibleAfter, writing), "win-log-watcher");
        watcher.start();
        List<Integer> statuses = new ArrayList<>();
        long writesStart = System.nanoTime();
        long writesEnd = writesStart;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                for (Ledger.Person o : others) {
                    Http.Response r = Ledger.logEvidence(http, o.id(), QUARTER, "After the poison #" + round);
                    statuses.add(r.status());
                    if (r.status() == 201) {
                        pending.add(new Pending(o.id(), r.json().get("evidenceId").asText(), System.nanoTime()));
                    }
                }
                Wait.pause(Duration.ofMillis(200));
            }
            writesEnd = System.nanoTime();
        } finally {
            writing.set(false);
            watcher.join();
        }
        double slowest = visibleAfter.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        int neverSeen = pending.size() - visibleAfter.size();
        report.tried(String.format(Locale.US, "%d writes for %d other people over %.1f s (answered %s)", statuses.size(),
                others.size(), (writesEnd - writesStart) / 1e9, countStatuses(statuses)));
        report.figure("their evidence in their win logs", neverSeen == 0
                ? "all " + pending.size() + ", the slowest " + seconds(slowest) + " after its 201"
                : neverSeen + " of " + pending.size() + " never shown within " + VISIBLE_LIMIT.toSeconds() + " s"
                + (visibleAfter.isEmpty() ? "" : " (the others within " + seconds(slowest) + ")"));
        JsonNode projections = Ledger.projections(http);
        report.figure("projections meanwhile", Ledger.describe(projections) + errors(projections));

        // the operator's view: the dead-letter queue
        Wait.Outcome<Http.Response> listed = Wait.until(() -> http.get("/api/admin/dead-letters"),
                r -> r.status() != 200 || lists(r.json(), poisonEventId), Duration.ofSeconds(10));
        Http.Response queue = listed.value();
        boolean endpoint = queue != null && queue.status() != 404;
        boolean poisonListed = queue != null && queue.status() == 200 && lists(queue.json(), poisonEventId);
        report.figure("GET /api/admin/dead-letters", queue == null ? "no answer: " + listed.lastError()
                : queue.status() == 404 ? "404: there is no dead-letter queue in this build"
                : queue.status() + ", " + describeQueue(queue));

        // the repair, and a retry
        String repairedId = UUID.randomUUID().toString();
        int repaired = sql.update("UPDATE domain_event_entry SET payload = jsonb_set(payload, '{evidenceId}', to_jsonb(?::text)) "
                + "WHERE event_identifier = ?", repairedId, poisonEventId);
        report.tried("repaired the stored event with SQL (evidenceId set to a UUID): " + repaired + " row");
        Http.Response retry = http.post("/api/admin/dead-letters/retry", "");
        report.figure("POST /api/admin/dead-letters/retry", retry.status() == 404
                ? "404: there is no dead-letter queue in this build" : retry.status() + " " + Http.abbreviated(retry.body()));
        Wait.Outcome<Http.Response> drained = Wait.until(() -> http.get("/api/admin/dead-letters"),
                r -> r.status() == 200 && r.json().path("total").asLong(-1) == 0, Duration.ofSeconds(20));
        report.figure("dead-letter queue after the retry", drained.value() == null ? "no answer"
                : drained.value().status() == 404 ? "404" : describeQueue(drained.value()) + " " + drained.describe());
        Wait.Outcome<Set<String>> arrived = Wait.until(() -> Ledger.winLogIds(http, poisoned.id()),
                ids -> ids.contains(repairedId) && (behindId == null || ids.contains(behindId)), Duration.ofSeconds(20));
        report.figure("the poisoned person's win log", (arrived.value() == null ? "?" : arrived.value().size() + " entries")
                + " " + arrived.describe() + " (expected 3: before the poison, the repaired one, the one behind it)");

        int fiveXx = (int) statuses.stream().filter(s -> s >= 500).count() + (behind.status() >= 500 ? 1 : 0);
        int fiveHundred = (int) statuses.stream().filter(s -> s == 500).count() + (behind.status() == 500 ? 1 : 0);
        List<String> acknowledged = new ArrayList<>(pending.stream().map(Pending::evidenceId).toList());
        if (behindId != null) {
            acknowledged.add(behindId);
        }
        Set<String> stored = sql.storedEvidenceIds();
        long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        report.writes(acknowledged.size(), (int) lost, fiveXx, fiveHundred);
        report.recovery(drained.reached() ? "drained " + String.format(Locale.US, "%.1f s", drained.seconds()) + " after retry"
                : "queue not drained");

        report.check("everyone else's read models current within 2 s", neverSeen == 0 && slowest <= CURRENT_SECONDS,
                neverSeen == 0 ? "slowest " + seconds(slowest) : neverSeen + " of " + pending.size() + " writes never shown");
        report.check("every write answered without 5xx", fiveXx == 0 && statuses.stream().allMatch(s -> s == 201),
                countStatuses(statuses) + "; the poisoned person's later write: " + behind.status());
        report.check("0 acknowledged writes lost", lost == 0, lost + " of " + acknowledged.size() + " missing from the event store");
        report.check("the dead-letter queue lists the poisoned event", poisonListed,
                !endpoint ? "GET /api/admin/dead-letters answered 404 (not built yet)"
                        : queue == null ? "no answer" : poisonListed ? "event " + poisonEventId : "not listed: " + describeQueue(queue));
        report.check("after repair and retry the queue drains", drained.reached() && retry.status() == 200,
                retry.status() == 404 ? "POST /api/admin/dead-letters/retry answered 404 (not built yet)"
                        : "retry answered " + retry.status() + ", queue " + drained.describe());
        report.check("the poisoned person's evidence arrives, the repaired event and the one behind it", arrived.reached(),
                arrived.describe());
        app.stop();
    }

    private record Pending(String person, String evidenceId, long acknowledgedAt) {
    }

    /** Polls the win logs until every pending write shows, or {@link #VISIBLE_LIMIT} after the last write. */
    private static void watch(Http http, List<Ledger.Person> people, Queue<Pending> pending, Map<Pending, Double> visibleAfter,
                              AtomicBoolean writing) {
        long deadline = Long.MAX_VALUE;
        while (true) {
            boolean stillWriting = writing.get();
            if (!stillWriting && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + VISIBLE_LIMIT.toNanos();
            }
            for (Ledger.Person person : people) {
                try {
                    Set<String> ids = Ledger.winLogIds(http, person.id());
                    long now = System.nanoTime();
                    for (Pending p : pending) {
                        if (p.person().equals(person.id()) && ids.contains(p.evidenceId())) {
                            visibleAfter.putIfAbsent(p, Math.max(0, now - p.acknowledgedAt()) / 1e9);
                        }
                    }
                } catch (Exception e) {
                    // counted as not shown yet
                }
            }
            if (!stillWriting && visibleAfter.size() == pending.size() || System.nanoTime() > deadline) {
                return;
            }
            Wait.pause(Duration.ofMillis(20));
        }
    }

    /**
     * Appends the poison at the next sequence number of the quarter's stream, with the metadata of the event before
     * it (V1__axon_event_store.sql: payload and metadata are jsonb); returns its event id.
     */
    private static String insertPoison(Sql sql, String personId, String aggregate) throws Exception {
        long next = sql.count("SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?", aggregate);
        List<String> metadata = sql.list("SELECT meta_data::text FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", aggregate);
        List<String> payloadType = sql.list("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.EvidenceLogged' LIMIT 1", aggregate);
        String eventId = UUID.randomUUID().toString();
        String payload = """
                {"personId":"%s","quarter":"%s","evidenceId":"not-a-uuid","title":"Imported by hand","description":null,
                 "impact":"Imported","dimension":"IMPACT","demonstratesLevel":"%s","goalId":null,"link":null,
                 "occurredOn":"%s"}""".formatted(personId, QUARTER, Ledger.LEVEL, Ledger.dayIn(QUARTER));
        sql.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, ?, 'Quarter', ?, ?, '1', ?::jsonb, ?::jsonb)",
                eventId, aggregate, next, Instant.now().toString(),
                payloadType.isEmpty() ? "com.careerledger.domain.quarter.EvidenceLogged" : payloadType.get(0),
                payload, metadata.isEmpty() ? "{}" : metadata.get(0));
        return eventId;
    }

    private static boolean lists(JsonNode page, String eventId) {
        for (JsonNode letter : page.path("items")) {
            if (eventId.equals(letter.path("eventId").asText()) || letter.toString().contains(eventId)) {
                return true;
            }
        }
        return false;
    }

    private static String describeQueue(Http.Response r) {
        if (r.status() != 200) {
            return r.status() + " " + Http.abbreviated(r.body());
        }
        JsonNode page = r.json();
        List<String> letters = new ArrayList<>();
        for (JsonNode l : page.path("items")) {
            letters.add(l.path("eventType").asText("?") + " " + l.path("state").asText("") + " in "
                    + l.path("readModel").asText("?"));
        }
        return "total " + page.path("total").asText("?") + (letters.isEmpty() ? "" : " " + letters.stream().limit(6).toList());
    }

    private static String errors(JsonNode projections) {
        List<String> errors = new ArrayList<>();
        for (JsonNode p : projections.get("items")) {
            if (p.hasNonNull("error")) {
                errors.add(p.path("name").asText() + ": " + p.get("error").asText());
            }
        }
        return errors.isEmpty() ? "" : " — errors: " + String.join(", ", errors);
    }

    private static String countStatuses(List<Integer> statuses) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
