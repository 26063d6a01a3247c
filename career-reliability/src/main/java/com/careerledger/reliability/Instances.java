package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Several application instances on one PostgreSQL database, clients writing to the same few people through all of
 * them (writes to one quarter race between instances): no answer 500 (a lost race is retried or refused 409), no
 * duplicate sequence number, nothing acknowledged lost, and every instance shows every acknowledged write.
 */
final class Instances implements FaultSuite.Scenario {

    static final int CLIENTS = 6;
    static final int PEOPLE = 4;
    static final Duration LOAD = Duration.ofSeconds(10);
    static final Duration COMPLETE_LIMIT = Duration.ofSeconds(60);
    static final List<String> QUARTERS = Ledger.quartersUpTo("2025-Q3", 8);

    private final int instances;

    Instances(int instances) {
        this.instances = instances;
    }

    @Override
    public String name() {
        return instances == 2 ? "two-instances" : instances == 3 ? "three-instances" : instances + "-instances";
    }

    @Override
    public String description() {
        return instances + " app instances on one database, " + CLIENTS + " clients writing to the same " + PEOPLE
                + " people through all of them; 0 × 500, 0 duplicate sequence numbers, 0 lost, read models complete everywhere";
    }

    @Override
    public void run(Context ctx, Report report) throws Exception {
        EmbeddedPostgres pg = ctx.postgres("postgres");
        Map<String, String> env = Context.external(pg);
        double[] took = new double[1];
        List<AppProcess> apps = new ArrayList<>();
        apps.add(ctx.healthyApp("app-1", env, List.of(), took));
        String firstStart = String.format(Locale.US, "%.1f s", took[0]);
        // the others start together once the first has migrated the schema
        ExecutorService starting = Executors.newFixedThreadPool(instances);
        List<Future<AppProcess>> others = new ArrayList<>();
        List<double[]> tooks = new ArrayList<>();
        try {
            for (int i = 2; i <= instances; i++) {
                String name = "app-" + i;
                double[] t = new double[1];
                tooks.add(t);
                others.add(starting.submit(() -> ctx.healthyApp(name, env, List.of(), t)));
            }
            for (Future<AppProcess> f : others) {
                apps.add(f.get());
            }
        } finally {
            starting.shutdown();
        }
        report.tried(String.format(Locale.US, "a PostgreSQL server of its own on 127.0.0.1:%d and %d app instances on it "
                        + "(ports %s), healthy after %s and %s", pg.port(), instances,
                apps.stream().map(a -> String.valueOf(a.port())).collect(Collectors.joining(", ")), firstStart,
                tooks.stream().map(t -> String.format(Locale.US, "%.1f s", t[0])).collect(Collectors.joining(", "))));
        List<Http> https = apps.stream().map(ctx::http).toList();

        List<Ledger.Person> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(Ledger.register(https.get(0), "Contended " + (char) ('A' + i),
                    name() + "-" + i + "-" + ctx.runId() + "@example.com", QUARTERS));
        }
        WriteLoad load = new WriteLoad(name(), https, people, CLIENTS, Duration.ofMillis(20));
        long start = System.nanoTime();
        load.start();
        Wait.pauseUntil(start + LOAD.toNanos());
        load.stop();
        List<WriteLoad.Attempt> attempts = load.attempts();
        report.tried(String.format(Locale.US, "%d clients (client c through instance c %% %d) logged evidence into %s of "
                        + "%d people for %.1f s, each write to a random person", CLIENTS, instances, QUARTERS, PEOPLE,
                (System.nanoTime() - start) / 1e9));
        report.figure("answers", WriteLoad.byStatus(attempts));
        for (int i = 0; i < instances; i++) {
            int instance = i;
            List<WriteLoad.Attempt> mine = WriteLoad.where(attempts, a -> a.instance() == instance);
            report.figure("  through app-" + (i + 1), WriteLoad.byStatus(mine)
                    + (WriteLoad.fiveXx(mine) > 0 ? " — 5xx: " + WriteLoad.causes(WriteLoad.where(mine, a -> a.status() >= 500)) : ""));
        }
        List<WriteLoad.Attempt> acked = WriteLoad.acknowledged(attempts);
        List<WriteLoad.Attempt> unexpected = WriteLoad.where(attempts, a -> a.status() != 201 && a.status() != 409);

        Sql sql = Sql.of(pg);
        long duplicates = sql.duplicateSequenceNumbers();
        List<WriteLoad.Attempt> lost = WriteLoad.missing(attempts, sql.storedEvidenceIds());

        // every instance's read models: each person's win log lists every acknowledged write, once
        Map<String, Set<String>> expected = acked.stream().collect(Collectors.groupingBy(WriteLoad.Attempt::person,
                Collectors.mapping(WriteLoad.Attempt::evidenceId, Collectors.toSet())));
        List<String> incomplete = new ArrayList<>();
        double slowest = 0;
        for (int i = 0; i < instances; i++) {
            Http http = https.get(i);
            Wait.Outcome<Map<String, List<String>>> complete = Wait.until(() -> {
                Map<String, List<String>> logs = new HashMap<>();
                for (Ledger.Person p : people) {
                    logs.put(p.id(), Ledger.winLogIdList(http, p.id()));
                }
                return logs;
            }, logs -> people.stream().allMatch(p -> logs.get(p.id()).containsAll(expected.getOrDefault(p.id(), Set.of()))),
                    COMPLETE_LIMIT);
            slowest = Math.max(slowest, complete.seconds());
            if (!complete.reached()) {
                long missing = complete.value() == null ? acked.size() : people.stream().mapToLong(p -> expected
                        .getOrDefault(p.id(), Set.of()).stream().filter(id -> !complete.value().get(p.id()).contains(id)).count()).sum();
                incomplete.add("app-" + (i + 1) + " misses " + missing + " " + complete.describe());
            } else {
                long listedTwice = complete.value().values().stream().mapToLong(l -> l.size() - l.stream().distinct().count()).sum();
                if (listedTwice > 0) {
                    incomplete.add("app-" + (i + 1) + " lists " + listedTwice + " entries twice");
                }
            }
        }
        report.figure("every instance's win logs complete", incomplete.isEmpty()
                ? String.format(Locale.US, "within %.1f s of the load's end", slowest) : String.join("; ", incomplete));

        report.writes(acked.size(), lost.size(), WriteLoad.fiveXx(attempts), WriteLoad.fiveHundred(attempts));
        report.recovery("-");
        report.check("0 answers 5xx", WriteLoad.fiveXx(attempts) == 0, WriteLoad.fiveXx(attempts) + " of " + attempts.size()
                + (WriteLoad.fiveXx(attempts) == 0 ? "" : ": " + WriteLoad.causes(WriteLoad.where(attempts, a -> a.status() >= 500))));
        report.check("only 201 or 409 answers, every request answered", unexpected.isEmpty(),
                unexpected.isEmpty() ? WriteLoad.count(attempts, a -> a.status() == 409) + " × 409"
                        : WriteLoad.byStatus(unexpected) + ": " + WriteLoad.causes(unexpected));
        report.check("0 duplicate (aggregate_identifier, sequence_number)", duplicates == 0, duplicates + " found by SQL");
        report.check("0 acknowledged writes lost", lost.isEmpty(), lost.size() + " of " + acked.size()
                + " missing from the event store" + Kill9.titlesOf(lost));
        report.check("every instance's read models complete (each win log lists every acknowledged write, once)",
                incomplete.isEmpty() && !acked.isEmpty(), incomplete.isEmpty() ? instances + " instances × " + PEOPLE
                        + " people" : String.join("; ", incomplete));
        for (AppProcess app : apps) {
            app.stop();
        }
    }
}
