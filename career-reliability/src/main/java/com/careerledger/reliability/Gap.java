package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A slow writer holding a low global index past the gap timeout: a transaction inserts a {@code PersonRegistered}
 * event and stays open while the application stores later events and is restarted (so that it reads those later
 * events once they are older than the gap timeout, lowered to 2 s); committed after that, its event is still
 * projected, and so is everything stored behind it.
 */
final class Gap implements FaultSuite.Scenario {

    static final Duration GAP_TIMEOUT = Duration.ofSeconds(2);
    static final String QUARTER = "2025-Q3";
    static final Duration VISIBLE_LIMIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "gap";
    }

    @Override
    public String description() {
        return "a transaction holding an event open past the gap timeout (2 s) while later events are stored and the app "
                + "restarts; committed, its event is projected";
    }

    @Override
    public void run(Context ctx, Report report) throws Exception {
        EmbeddedPostgres pg = ctx.postgres("postgres");
        Map<String, String> env = Context.external(pg);
        List<String> args = List.of("--career.processing.gap-timeout=" + GAP_TIMEOUT.toSeconds() + "s");
        double[] took = new double[1];
        AppProcess first = ctx.healthyApp("app-first", env, args, took);
        report.tried(String.format(Locale.US, "a PostgreSQL server of its own and the app on it with %s, healthy after %.1f s",
                args.get(0), took[0]));
        Http http = ctx.http(first);
        Ledger.Person writer = Ledger.register(http, "Gap Neighbour", "gap-neighbour-" + ctx.runId() + "@example.com",
                List.of(QUARTER));
        Wait.Outcome<JsonNode> settled = Ledger.awaitCaughtUp(http, Duration.ofSeconds(60));
        if (!settled.reached()) {
            throw new IllegalStateException("the read models did not catch up before the slow writer: " + settled.describe());
        }

        Sql sql = Sql.of(pg);
        String slow = UUID.randomUUID().toString();
        List<String> later = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String lagWhileOpen;
        String afterRestart;
        double committedAfter;
        AppProcess second;
        try (Connection slowWriter = sql.connect()) {
            slowWriter.setAutoCommit(false);
            try (PreparedStatement insert = slowWriter.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, 0, 'Person', ?, 'com.careerledger.domain.person.PersonRegistered', '1',
                            CAST(? AS jsonb), '{}'::jsonb)""")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, slow);
                insert.setString(3, Instant.now().toString());
                insert.setString(4, """
                        {"personId":"%s","name":"Slow Writer","email":"slow-%s@example.com","discipline":"ENGINEERING",
                         "track":"IC","level":"IC2","managerId":null}""".formatted(slow, ctx.runId()));
                insert.executeUpdate();
            }
            long opened = System.nanoTime();
            report.tried("opened a transaction that inserted a PersonRegistered event (person " + slow + ") and left it open");

            for (int i = 1; i <= 3; i++) {
                Http.Response r = Ledger.logEvidence(http, writer.id(), QUARTER, "Stored behind the slow writer #" + i);
                statuses.add(r.status());
                if (r.status() == 201) {
                    later.add(r.json().get("evidenceId").asText());
                }
            }
            long storedLater = System.nanoTime();
            lagWhileOpen = Ledger.describe(Ledger.projections(http));
            report.tried("the app stored 3 later events meanwhile (evidence of another person, answered " + statuses + ")");
            report.figure("projections with the transaction open", lagWhileOpen);

            first.stop();
            // restarted once the later events are older than the gap timeout, as a processor behind (a restart, a
            // rebuild) meets them
            Wait.pauseUntil(storedLater + GAP_TIMEOUT.multipliedBy(3).toNanos());
            second = ctx.healthyApp("app-restarted", env, args, took);
            http = ctx.http(second);
            long restarted = System.nanoTime();
            report.tried(String.format(Locale.US, "stopped the app and started it again (healthy after %.1f s) with the "
                    + "transaction still open; the later events were %.0f s old by then", took[0], (restarted - storedLater) / 1e9));
            // the processor has had three gap timeouts to give the open transaction's index up, were it to
            Wait.pauseUntil(restarted + GAP_TIMEOUT.multipliedBy(3).toNanos());
            afterRestart = Ledger.describe(Ledger.projections(http));
            report.figure("projections after the restart, transaction still open", afterRestart);
            Http.Response before = http.get("/api/people/" + slow);
            report.figure("GET /api/people/{slow writer} before the commit", before.status());

            slowWriter.commit();
            committedAfter = (System.nanoTime() - opened) / 1e9;
        }
        report.tried(String.format(Locale.US, "committed the slow writer's transaction %.0f s after it inserted "
                + "(%.0f × the gap timeout)", committedAfter, committedAfter / GAP_TIMEOUT.toSeconds()));
        Http.Response after = Ledger.logEvidence(http, writer.id(), QUARTER, "Stored after the commit");
        statuses.add(after.status());
        if (after.status() == 201) {
            later.add(after.json().get("evidenceId").asText());
        }

        Http client = http;
        Wait.Outcome<Http.Response> projected = Wait.until(() -> client.get("/api/people/" + slow),
                r -> r.status() == 200, VISIBLE_LIMIT);
        report.figure("GET /api/people/{slow writer} after the commit", projected.value() == null ? "no answer"
                : projected.value().status() + " " + projected.describe());
        Wait.Outcome<Set<String>> behind = Wait.until(() -> Ledger.winLogIds(client, writer.id()),
                ids -> ids.containsAll(later), VISIBLE_LIMIT);
        Wait.Outcome<JsonNode> caughtUp = Ledger.awaitCaughtUp(http, Duration.ofSeconds(30));
        report.figure("read models caught up", caughtUp.describe());

        long lost = later.stream().filter(id -> {
            try {
                return !sql.storedEvidenceIds().contains(id);
            } catch (Exception e) {
                return true;
            }
        }).count();
        int fiveXx = (int) statuses.stream().filter(s -> s >= 500).count();
        report.writes(later.size(), (int) lost, fiveXx,
                (int) statuses.stream().filter(s -> s == 500).count());
        report.recovery(projected.reached() ? String.format(Locale.US, "projected %.1f s after commit", projected.seconds())
                : "never projected");
        report.check("the slow writer's event, committed after the gap timeout, is projected (GET /api/people/{id} 200)",
                projected.reached(), projected.describe());
        report.check("the events stored behind it are projected too", behind.reached() && !later.isEmpty(),
                later.size() + " evidence entries " + behind.describe());
        report.check("every write acknowledged (201), none lost", statuses.stream().allMatch(s -> s == 201) && lost == 0,
                "answers " + statuses + ", " + lost + " missing from the event store");
        report.check("the read models catch up after the commit", caughtUp.reached(), caughtUp.reached() ? caughtUp.describe()
                : caughtUp.describe() + ": " + (caughtUp.value() == null ? "?" : Ledger.describe(caughtUp.value())));
        second.stop();
    }
}
