package com.careerledger.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * PostgreSQL stopped and started again under a write load on the packaged application. Clients log evidence, each
 * write with its own Idempotency-Key, and retry a write answered 503 (or not answered) with the same key until it
 * is stored. Must hold: only 201 and 503 answers (no 500), each 503 within about 2 s, health DOWN naming the
 * database meanwhile, writes succeeding again without a restart, nothing acknowledged lost, nothing stored twice,
 * read models current afterwards.
 */
final class DatabaseOutage {

    /** "About 2 s": the pool waits 1.5 s for a connection; a little room for a busy machine. */
    static final double PROMPT_SECONDS = 2.5;

    private record Attempt(int status, String type, long startedNanos, long endedNanos) {
        double seconds() {
            return (endedNanos - startedNanos) / 1e9;
        }
    }

    private final Scenarios.Options options;

    DatabaseOutage(Scenarios.Options options) {
        this.options = options;
    }

    Report run(Path jar, Path workDir) throws Exception {
        int clients = options.integer("clients", 4);
        int before = options.integer("before", 3);
        int outage = options.integer("outage", 8);
        int after = options.integer("after", 10);
        Report report = new Report("PostgreSQL stopped for " + outage + " s under a write load");
        String quarter = (Year.now().getValue() - 1) + "-Q1";
        String password = "reliability-" + UUID.randomUUID();

        try (Database db = Database.start(workDir.resolve("db"));
             App app = App.start("instance", jar, workDir, db, password)) {
            Client setup = app.client(Duration.ofSeconds(30));
            List<String> people = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String person = TwoInstances.register(setup, "Ola Outage " + c, "IC", "IC2");
                TwoInstances.expect(setup.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}"), 201);
                people.add(person);
            }
            report.tried(clients + " clients logging evidence (each write with its own Idempotency-Key, retried on 503 "
                    + "or no answer); PostgreSQL stopped after " + before + " s, started again " + outage + " s later");

            List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String path = "/api/people/" + people.get(c) + "/quarters/" + quarter + "/evidence";
                Client http = app.client(Duration.ofSeconds(30));
                int client = c;
                Thread t = new Thread(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String key = UUID.randomUUID().toString();
                        String title = "Write " + client + "-" + n;
                        String body = ("{\"title\":\"%s\",\"impact\":\"Kept\",\"dimension\":\"IMPACT\","
                                + "\"demonstratesLevel\":\"IC2\",\"occurredOn\":\"%s-02-02\"}")
                                .formatted(title, quarter.substring(0, 4));
                        long giveUp = Long.MAX_VALUE;
                        while (true) {
                            Client.Answer a = http.post(path, body, "Idempotency-Key", key);
                            attempts.add(new Attempt(a.status(), a.problemType(), a.startedNanos(), a.endedNanos()));
                            if (a.status() == 201) {
                                acknowledged.add(a.json().get("evidenceId").asText());
                                break;
                            }
                            boolean retry = a.status() == 503 || a.status() == 0
                                    || (a.status() == 409 && "idempotency-key-in-progress".equals(a.problemType()));
                            if (!retry) {
                                break;
                            }
                            if (stop.get() && giveUp == Long.MAX_VALUE) {
                                giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                            }
                            if (System.nanoTime() > giveUp) {
                                break;
                            }
                            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                        }
                    }
                }, "client-" + c);
                t.start();
                threads.add(t);
            }

            sleep(before);
            long stoppedAt = System.nanoTime();
            db.stop();
            sleep(outage / 2.0);
            Client.Answer health = app.client(Duration.ofSeconds(10)).anonymousGet("/actuator/health");
            sleep(outage / 2.0);
            long restartedAt = System.nanoTime();
            db.restart();
            sleep(after);
            stop.set(true);
            for (Thread t : threads) {
                t.join(Duration.ofMinutes(2).toMillis());
            }

            List<Attempt> all;
            synchronized (attempts) {
                all = new ArrayList<>(attempts);
            }
            Map<String, Integer> byStatus = new TreeMap<>();
            all.forEach(a -> byStatus.merge(a.status() + (a.type().isEmpty() || a.status() < 400 ? "" : " " + a.type()), 1,
                    Integer::sum));
            report.measured("answers by status " + byStatus);
            long other = all.stream().filter(a -> a.status() != 201 && a.status() != 503).count();
            report.check(other == 0, other + " answers other than 201 or 503"
                    + all.stream().filter(a -> a.status() != 201 && a.status() != 503).findFirst()
                    .map(a -> " (first: " + a.status() + " " + a.type() + ")").orElse(""));
            double slowest503 = all.stream().filter(a -> a.status() == 503).mapToDouble(Attempt::seconds).max().orElse(0);
            double firstUnavailable = all.stream().filter(a -> a.status() == 503 && a.endedNanos() > stoppedAt)
                    .mapToDouble(a -> (a.endedNanos() - stoppedAt) / 1e9).min().orElse(Double.NaN);
            double slowestDuringOutage = all.stream()
                    .filter(a -> a.endedNanos() > stoppedAt && a.startedNanos() < restartedAt)
                    .mapToDouble(Attempt::seconds).max().orElse(0);
            report.measured("first 503 %.1f s after the stop; slowest answer during the outage %.2f s"
                    .formatted(firstUnavailable, slowestDuringOutage));
            report.check(all.stream().anyMatch(a -> a.status() == 503), "the outage was noticed (503 answers)");
            report.check(slowest503 <= PROMPT_SECONDS, "every 503 within about 2 s (slowest %.2f s)".formatted(slowest503));
            report.check(health.status() == 503 && health.body().contains("\"db\":{\"status\":\"DOWN\""),
                    "health during the outage: " + health.status() + " " + health.body());

            double recovered = all.stream().filter(a -> a.status() == 201 && a.startedNanos() > restartedAt)
                    .mapToDouble(a -> (a.endedNanos() - restartedAt) / 1e9).min().orElse(Double.NaN);
            report.check(!Double.isNaN(recovered), "writes succeed again without a restart, %.1f s after PostgreSQL "
                    .formatted(recovered) + "was started");

            Set<String> stored = new HashSet<>(db.strings("SELECT payload ->> 'evidenceId' FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%.EvidenceLogged'"));
            long lost = acknowledged.stream().filter(id -> !stored.contains(id)).count();
            report.check(lost == 0, acknowledged.size() + " writes acknowledged, " + lost + " lost");
            long twice = db.single("SELECT count(*) - count(DISTINCT payload ->> 'title') FROM domain_event_entry "
                    + "WHERE payload_type LIKE '%.EvidenceLogged'");
            report.check(twice == 0, twice + " writes stored twice (retried with their Idempotency-Key)");

            double current = Double.NaN;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                Set<String> seen = new HashSet<>();
                for (String person : people) {
                    Client.Answer view = setup.get("/api/people/" + person + "/quarters/" + quarter);
                    if (view.status() == 200) {
                        view.json().get("evidence").forEach(e -> seen.add(e.get("evidenceId").asText()));
                    }
                }
                if (seen.containsAll(stored)) {
                    current = (System.nanoTime() - restartedAt) / 1e9;
                    break;
                }
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
            report.check(!Double.isNaN(current), "read models current again (every stored write in its view) %.1f s "
                    .formatted(current) + "after PostgreSQL was started, without a restart");
        }
        return report;
    }

    private static void sleep(double seconds) {
        LockSupport.parkNanos((long) (seconds * 1e9));
    }
}
