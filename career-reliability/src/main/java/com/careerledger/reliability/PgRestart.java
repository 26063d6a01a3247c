package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static com.careerledger.reliability.WriteLoad.seconds;

/**
 * PostgreSQL stopped for about eight seconds under a write load, then started again; the application is not
 * restarted. Every answer is 201 or 503, a 503 comes within about 2 s, writes succeed again by themselves once the
 * database is back, and nothing acknowledged is lost.
 */
final class PgRestart implements FaultSuite.Scenario {

    static final int CLIENTS = 4;
    static final Duration OUTAGE = Duration.ofSeconds(8);
    /** "Within about 2 s": the target, with a quarter of a second for a busy two-core machine. */
    static final double FAIL_FAST_SECONDS = 2.25;
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    static final List<String> QUARTERS = Ledger.quartersUpTo("2025-Q3", 10);

    @Override
    public String name() {
        return "pg-restart";
    }

    @Override
    public String description() {
        return "PostgreSQL stopped for " + OUTAGE.toSeconds() + " s under " + CLIENTS + " writing clients, then started; "
                + "only 201/503, 503 within about 2 s, recovery without restart, nothing lost";
    }

    @Override
    public void run(Context ctx, Report report) throws Exception {
        EmbeddedPostgres pg = ctx.postgres("postgres");
        double[] took = new double[1];
        AppProcess app = ctx.healthyApp("app", Context.external(pg), List.of(), took);
        report.tried(String.format(Locale.US, "a PostgreSQL server of its own on 127.0.0.1:%d (durable) and the app "
                + "on it, healthy after %.1f s", pg.port(), took[0]));
        Http http = ctx.http(app);
        List<Ledger.Person> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(Ledger.register(http, "Outage " + (char) ('A' + i), "outage-" + i + "-" + ctx.runId() + "@example.com",
                    QUARTERS));
        }
        Sql sql = Sql.of(pg);

        WriteLoad load = new WriteLoad("pg-restart", List.of(http), people, CLIENTS, Duration.ofMillis(100));
        long loadStart = System.nanoTime();
        load.start();
        Wait.pauseUntil(loadStart + Duration.ofSeconds(3).toNanos());
        long stopping = System.nanoTime();
        pg.stopForNow();
        long stopped = System.nanoTime();
        // what health says while the database is away, asked half-way through the outage
        AtomicReference<String> health = new AtomicReference<>("not asked");
        Http healthProbe = ctx.http(app, Duration.ofSeconds(15));
        Thread probe = new Thread(() -> {
            Wait.pauseUntil(stopped + OUTAGE.toNanos() / 2);
            try {
                Http.Response r = healthProbe.get("/actuator/health");
                health.set(r.status() + " in " + seconds(r.seconds()) + ": " + describeHealth(r));
            } catch (Exception e) {
                health.set("no answer: " + e);
            }
        }, "health-probe");
        probe.start();
        Wait.pauseUntil(stopped + OUTAGE.toNanos());
        long starting = System.nanoTime();
        pg.startAgain();
        long up = System.nanoTime();
        report.tried(String.format(Locale.US, "%d clients logging evidence; after %.1f s PostgreSQL stopped (pg_ctl stop -m "
                        + "fast, %.1f s), down for %.1f s, started again (pg_ctl start, %.1f s); the app kept running",
                CLIENTS, (stopping - loadStart) / 1e9, (stopped - stopping) / 1e9, (starting - stopped) / 1e9,
                (up - starting) / 1e9));

        // writes succeed again: the first 201 of a write sent after the server was back
        Wait.Outcome<Boolean> recovered = Wait.until(() -> load.attempts().stream()
                .anyMatch(a -> a.start() >= up && a.acknowledged()), done -> done, RECOVERY_LIMIT);
        if (recovered.reached()) {
            Wait.pause(Duration.ofSeconds(2)); // a little more load after recovery
        }
        load.stop();
        probe.join();
        List<WriteLoad.Attempt> attempts = load.attempts();
        List<WriteLoad.Attempt> acked = WriteLoad.acknowledged(attempts);
        List<WriteLoad.Attempt> whileDown = WriteLoad.where(attempts, a -> a.start() >= stopping && a.start() < up);
        List<WriteLoad.Attempt> answers503 = WriteLoad.where(attempts, a -> a.status() == 503);
        List<WriteLoad.Attempt> others = WriteLoad.where(attempts, a -> a.status() != 201 && a.status() != 503);
        WriteLoad.Attempt firstBack = attempts.stream().filter(a -> a.start() >= up && a.acknowledged())
                .min((a, b) -> Long.compare(a.end(), b.end())).orElse(null);
        // the longest stretch without an acknowledged write, up to the first one after the server was back
        long[] ackEnds = acked.stream().mapToLong(WriteLoad.Attempt::end)
                .filter(end -> firstBack == null || end <= firstBack.end()).sorted().toArray();
        double longestWithoutAck = 0;
        for (int i = 1; i < ackEnds.length; i++) {
            longestWithoutAck = Math.max(longestWithoutAck, (ackEnds[i] - ackEnds[i - 1]) / 1e9);
        }

        report.figure("answers", WriteLoad.byStatus(attempts));
        report.figure("answers to writes sent while PostgreSQL was down", WriteLoad.byStatus(whileDown)
                + (whileDown.isEmpty() ? "" : ", slowest " + seconds(WriteLoad.slowest(whileDown))));
        report.figure("slowest 503", answers503.isEmpty() ? "no 503 at all" : seconds(WriteLoad.slowest(answers503))
                + "; with Retry-After: " + WriteLoad.count(answers503, a -> a.retryAfter() != null) + " of " + answers503.size());
        if (!others.isEmpty()) {
            report.figure("answers other than 201 or 503", WriteLoad.byStatus(others) + ": " + WriteLoad.causes(others)
                    + ", slowest " + seconds(WriteLoad.slowest(others)));
        }
        report.figure("/actuator/health half-way through the outage", health.get());
        String recovery;
        if (firstBack != null) {
            double afterUp = (firstBack.end() - up) / 1e9;
            recovery = String.format(Locale.US, "writes back %.1f s after PG up", afterUp);
            report.figure("writes succeed again", String.format(Locale.US, "%.1f s after PostgreSQL was back up "
                    + "(the longest stretch without an acknowledged write: %.1f s)", afterUp, longestWithoutAck));
        } else {
            recovery = "no write succeeded within " + RECOVERY_LIMIT.toSeconds() + " s";
            report.figure("writes succeed again", recovery);
        }
        report.recovery(recovery);

        Wait.Outcome<JsonNode> caughtUp = Ledger.awaitCaughtUp(http, Duration.ofSeconds(60));
        report.figure("read models caught up after the outage", caughtUp.describe());
        Set<String> stored = sql.storedEvidenceIds();
        List<WriteLoad.Attempt> lost = WriteLoad.missing(attempts, stored);
        Set<String> shown = new HashSet<>();
        for (Ledger.Person p : people) {
            shown.addAll(Ledger.winLogIds(http, p.id()));
        }
        List<WriteLoad.Attempt> notShown = WriteLoad.missing(attempts, shown);
        int noAnswer = WriteLoad.count(attempts, a -> a.status() == WriteLoad.NO_ANSWER);

        report.writes(acked.size(), lost.size(), WriteLoad.fiveXx(attempts), WriteLoad.fiveHundred(attempts));
        report.check("only 201 or 503 answers, every request answered", others.isEmpty(),
                others.isEmpty() ? WriteLoad.byStatus(attempts) : WriteLoad.byStatus(others) + " (" + noAnswer + " without answer)");
        report.check("every 503 within about 2 s (≤ " + FAIL_FAST_SECONDS + " s)",
                !answers503.isEmpty() && WriteLoad.slowest(answers503) <= FAIL_FAST_SECONDS,
                answers503.isEmpty() ? "no 503 was answered" : "slowest " + seconds(WriteLoad.slowest(answers503)));
        report.check("every write sent while the database was down answered within about 2 s",
                !whileDown.isEmpty() && whileDown.stream().allMatch(a -> a.status() != WriteLoad.NO_ANSWER
                        && a.seconds() <= FAIL_FAST_SECONDS),
                whileDown.size() + " sent, slowest " + seconds(WriteLoad.slowest(whileDown)));
        report.check("writes succeed again without restarting the app", firstBack != null && app.alive(),
                recovery + (app.alive() ? ", same process (pid " + app.pid() + ")" : ", the app process is gone"));
        report.check("0 acknowledged writes lost", lost.isEmpty(),
                lost.size() + " of " + acked.size() + " missing from the event store" + Kill9.titlesOf(lost));
        report.check("the read models resume by themselves and show every acknowledged write",
                caughtUp.reached() && notShown.isEmpty(), (caughtUp.reached() ? "caught up " + caughtUp.describe()
                        : "caught up: " + caughtUp.describe() + ": " + (caughtUp.value() == null ? "?"
                        : Ledger.describe(caughtUp.value()))) + "; " + notShown.size() + " of " + acked.size()
                        + " acknowledged writes not in the win logs");
        app.stop();
    }

    /** {@code DOWN (db DOWN, diskSpace UP, …)}, or the body as it came. */
    static String describeHealth(Http.Response r) {
        try {
            JsonNode health = r.json();
            if (!health.path("status").isTextual()) {
                // not a health document: a problem+json answer in its place
                return health.path("type").asText("?") + ": " + health.path("detail").asText(Http.abbreviated(r.body()));
            }
            List<String> components = new ArrayList<>();
            health.path("components").fields().forEachRemaining(c -> components.add(c.getKey() + " "
                    + c.getValue().path("status").asText("?")
                    + (c.getValue().path("details").has("error") ? " (" + c.getValue().path("details").path("error").asText() + ")" : "")));
            return health.path("status").asText("?") + (components.isEmpty() ? "" : " (" + String.join(", ", components) + ")");
        } catch (RuntimeException notJson) {
            return Http.abbreviated(r.body());
        }
    }
}
