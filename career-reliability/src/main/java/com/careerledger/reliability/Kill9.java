package com.careerledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.careerledger.reliability.WriteLoad.seconds;

/**
 * {@code kill -9} of the application under a write load, on its embedded default: after a restart on the same data
 * folder every acknowledged write is stored and shown, and the live read models equal a rebuild of them.
 */
final class Kill9 implements FaultSuite.Scenario {

    static final int CLIENTS = 4;
    static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);
    static final List<String> QUARTERS = Ledger.quartersUpTo("2025-Q4", 20);

    @Override
    public String name() {
        return "kill9";
    }

    @Override
    public String description() {
        return "kill -9 of the app under " + CLIENTS + " writing clients (embedded database); restart; nothing "
                + "acknowledged lost, live read models == rebuild";
    }

    @Override
    public void run(Context ctx, Report report) throws Exception {
        Map<String, String> env = Map.of("CAREER_DATA_DIR", ctx.dir().resolve("data").toString());
        double[] took = new double[1];
        AppProcess first = ctx.healthyApp("app-before-kill", env, List.of(), took);
        report.tried(String.format(java.util.Locale.US, "the app on its embedded default (CAREER_DATA_DIR=%s, durable), "
                + "healthy after %.1f s", env.get("CAREER_DATA_DIR"), took[0]));
        Http http = ctx.http(first);
        List<Ledger.Person> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(Ledger.register(http, "Kill Nine " + (char) ('A' + i),
                    "kill9-" + i + "-" + ctx.runId() + "@example.com", QUARTERS));
        }
        report.tried("registered 4 people, opened " + QUARTERS + " for each");

        WriteLoad load = new WriteLoad("kill9", List.of(http), people, CLIENTS, Duration.ofMillis(100));
        long loadStart = System.nanoTime();
        load.start();
        Wait.pauseUntil(loadStart + LOAD_BEFORE_KILL.toNanos());
        int ackedAtKill = load.acknowledgedSoFar();
        long killedAt = System.nanoTime();
        first.kill9();
        load.stop();
        List<WriteLoad.Attempt> attempts = load.attempts();
        List<WriteLoad.Attempt> acked = WriteLoad.acknowledged(attempts);
        report.tried(String.format(java.util.Locale.US, "%d clients logged evidence for %.1f s, then kill -9 of the app "
                + "(pid %d) with writes in flight (%d acknowledged by then)", CLIENTS, (killedAt - loadStart) / 1e9,
                first.pid(), ackedAtKill));
        List<WriteLoad.Attempt> answeredBefore = WriteLoad.where(attempts, a -> a.status() != WriteLoad.NO_ANSWER);
        List<WriteLoad.Attempt> inFlight = WriteLoad.where(attempts, a -> a.status() == WriteLoad.NO_ANSWER);
        report.figure("answers", WriteLoad.byStatus(attempts) + " (no answer: in flight at the kill, or sent after it)");

        AppProcess second = ctx.healthyApp("app-after-restart", env, List.of(), took);
        double healthy = took[0];
        report.tried(String.format(java.util.Locale.US, "restarted the app on the same folder: healthy after %.1f s", healthy));
        Http again = ctx.http(second);
        Wait.Outcome<JsonNode> caughtUp = Ledger.awaitCaughtUp(again, Duration.ofSeconds(120));
        report.figure("read models caught up after the restart", caughtUp.describe()
                + (caughtUp.reached() ? "" : " (" + (caughtUp.value() == null ? "?" : Ledger.describe(caughtUp.value())) + ")"));
        report.recovery(String.format(java.util.Locale.US, "healthy %.0f s, caught up %.0f s", healthy, caughtUp.seconds()));

        Sql sql = Sql.ofEmbeddedDefault(ctx.dir().resolve("data"));
        Set<String> stored = sql.storedEvidenceIds();
        List<WriteLoad.Attempt> lost = WriteLoad.missing(attempts, stored);
        Set<String> shown = new HashSet<>();
        for (Ledger.Person p : people) {
            for (String q : QUARTERS) {
                shown.addAll(Ledger.quarterEvidenceIds(again, p.id(), q));
            }
        }
        Set<String> inWinLogs = new HashSet<>();
        for (Ledger.Person p : people) {
            inWinLogs.addAll(Ledger.winLogIds(again, p.id()));
        }
        List<WriteLoad.Attempt> notShown = WriteLoad.missing(attempts, shown);
        List<WriteLoad.Attempt> notInWinLog = WriteLoad.missing(attempts, inWinLogs);
        List<String> titles = sql.storedEvidenceTitles();
        Map<String, Integer> timesStored = new HashMap<>();
        titles.forEach(t -> timesStored.merge(t, 1, Integer::sum));
        long storedUnanswered = inFlight.stream().filter(a -> timesStored.containsKey(a.title())).count();
        long twice = timesStored.values().stream().filter(n -> n > 1).count();
        report.figure("writes in flight at the kill that were stored anyway (their client never heard)", storedUnanswered
                + " of " + inFlight.size());

        int fiveXx = WriteLoad.fiveXx(attempts);
        report.writes(acked.size(), lost.size(), fiveXx, WriteLoad.fiveHundred(attempts));
        report.check("every write answered before the kill was acknowledged (201)",
                answeredBefore.size() == acked.size() && !acked.isEmpty(),
                WriteLoad.byStatus(answeredBefore)
                        + (answeredBefore.size() == acked.size() ? "" : "; refusals: " + WriteLoad.causes(
                        WriteLoad.where(answeredBefore, a -> !a.acknowledged()))));
        report.check("0 acknowledged writes lost from the event store", lost.isEmpty(),
                lost.size() + " of " + acked.size() + " acknowledged writes missing" + titlesOf(lost));
        report.check("every acknowledged write shown in its quarter view and win log", notShown.isEmpty() && notInWinLog.isEmpty(),
                notShown.size() + " missing from quarter views, " + notInWinLog.size() + " from win logs" + titlesOf(notShown));
        report.check("no write stored twice", twice == 0, twice + " titles stored more than once");

        if (!caughtUp.reached()) {
            report.check("live read models equal a rebuild", false, "not compared: the read models did not catch up "
                    + caughtUp.describe());
        } else {
            Map<String, JsonNode> live = Ledger.snapshot(again, people);
            JsonNode started = again.expect(202, again.post("/api/admin/projections/rebuild", ""), "POST rebuild");
            report.tried("rebuilt every read model (POST /api/admin/projections/rebuild → 202, "
                    + started.get("items").size() + " projections)");
            Wait.Outcome<JsonNode> rebuilt = Ledger.awaitCaughtUp(again, Duration.ofSeconds(120));
            report.figure("rebuild done", rebuilt.describe());
            if (!rebuilt.reached()) {
                report.check("live read models equal a rebuild", false, "the rebuild did not finish: "
                        + (rebuilt.value() == null ? "?" : Ledger.describe(rebuilt.value())));
            } else {
                Map<String, JsonNode> afterRebuild = Ledger.snapshot(again, people);
                List<String> differ = Ledger.differences(live, afterRebuild);
                report.check("live read models equal a rebuild", differ.isEmpty(), live.size()
                        + " views compared (directory; per person: person, performance history, timeline, win log, "
                        + "quarters, each quarter)" + (differ.isEmpty() ? "" : "; differ: " + differ.stream().limit(6).toList()));
            }
        }
        report.figure("slowest acknowledged write before the kill", seconds(WriteLoad.slowest(acked)));
        second.stop();
    }

    static String titlesOf(List<WriteLoad.Attempt> attempts) {
        return attempts.isEmpty() ? "" : " (e.g. " + attempts.stream().limit(3).map(WriteLoad.Attempt::title).toList() + ")";
    }
}
