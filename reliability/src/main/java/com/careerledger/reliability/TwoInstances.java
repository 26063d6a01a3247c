package com.careerledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Several instances of the packaged application on one PostgreSQL; clients write to the same few people through all
 * of them (evidence and feedback on a quarter, manager changes, assessments and reopenings, whose outcome is
 * recorded on the person in the same transaction). Must hold: no answer 5xx, no duplicate or missing sequence
 * number, every acknowledged write stored (once), every instance's read models complete.
 */
final class TwoInstances {

    private final Scenarios.Options options;

    TwoInstances(Scenarios.Options options) {
        this.options = options;
    }

    Report run(Path jar, Path workDir) throws Exception {
        int instances = options.integer("instances", 2);
        int clients = options.integer("clients", 6);
        int peopleCount = options.integer("people", 4);
        int writes = options.integer("writes", 300);
        Report report = new Report("contended writes through " + instances + " instances on one database");
        String quarter = (Year.now().getValue() - 1) + "-Q1";
        String password = "reliability-" + UUID.randomUUID();

        try (Database db = Database.start(workDir.resolve("db"))) {
            List<App> apps = new ArrayList<>();
            try {
                for (int i = 1; i <= instances; i++) {
                    apps.add(App.start("instance-" + i, jar, workDir, db, password));
                }
                List<Client> through = apps.stream().map(a -> a.client(Duration.ofSeconds(30))).toList();
                Client setup = through.get(0);
                List<String> managers = List.of(register(setup, "Mia Manager", "MANAGER", "M2"),
                        register(setup, "Max Manager", "MANAGER", "M2"));
                List<String> people = new ArrayList<>();
                for (int i = 0; i < peopleCount; i++) {
                    String person = register(setup, "Pat Contended " + i, "IC", "IC2");
                    expect(setup.post("/api/people/" + person + "/quarters", "{\"quarter\":\"" + quarter + "\"}"), 201);
                    // evidence at the level assessed, so that assessments (and the relay's commands) go through
                    expect(setup.post("/api/people/" + person + "/quarters/" + quarter + "/evidence", ("{\"title\":"
                            + "\"Groundwork\",\"impact\":\"Kept\",\"dimension\":\"IMPACT\",\"demonstratesLevel\":\"IC3\","
                            + "\"occurredOn\":\"%s-02-01\"}").formatted(quarter.substring(0, 4))), 201);
                    people.add(person);
                }
                report.tried(clients + " clients, " + writes + " writes to the same " + peopleCount + " people (evidence, "
                        + "feedback, manager changes, assessments, reopenings), spread over " + instances + " instances");

                Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
                Map<String, Integer> conflicts = new ConcurrentHashMap<>();
                List<String> serverErrors = new ArrayList<>();
                Set<String> evidence = ConcurrentHashMap.newKeySet();
                Set<String> feedback = ConcurrentHashMap.newKeySet();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                List<Future<?>> done = new ArrayList<>();
                long started = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    done.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int w = client; w < writes; w += clients) {
                            Client http = through.get(w % instances);
                            String person = people.get(random.nextInt(people.size()));
                            String path = "/api/people/" + person + "/quarters/" + quarter;
                            Client.Answer a;
                            switch (random.nextInt(6)) {
                                case 0, 1 -> {
                                    a = http.post(path + "/evidence", ("{\"title\":\"Entry %d\",\"impact\":\"Kept\","
                                            + "\"dimension\":\"IMPACT\",\"demonstratesLevel\":\"IC2\","
                                            + "\"occurredOn\":\"%s-02-02\"}").formatted(w, quarter.substring(0, 4)));
                                    if (a.status() == 201) {
                                        evidence.add(a.json().get("evidenceId").asText());
                                    }
                                }
                                case 2 -> {
                                    a = http.post(path + "/feedback",
                                            "{\"relationship\":\"PEER\",\"text\":\"Helpful " + w + "\"}");
                                    if (a.status() == 201) {
                                        feedback.add(a.json().get("feedbackId").asText());
                                    }
                                }
                                case 3 -> a = http.put("/api/people/" + person + "/manager",
                                        "{\"managerId\":\"" + managers.get(random.nextInt(2)) + "\"}");
                                case 4 -> a = http.post(path + "/assessment",
                                        "{\"operatingLevel\":\"IC3\",\"rationale\":\"Operated at IC3\"}");
                                default -> a = http.post(path + "/reopen", "{\"reason\":\"Calibration\"}");
                            }
                            statuses.merge(a.status(), 1, Integer::sum);
                            if (a.status() == 409) {
                                conflicts.merge(a.problemType(), 1, Integer::sum);
                            }
                            if (a.status() >= 500 || a.status() == 0) {
                                synchronized (serverErrors) {
                                    serverErrors.add(a.status() + " " + a.body());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - started) / 1e9;

                report.measured("answers by status " + new TreeMap<>(statuses) + " in " + "%.1f s".formatted(seconds)
                        + (conflicts.isEmpty() ? "" : "; 409s by type " + new TreeMap<>(conflicts)));
                long fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() == 0)
                        .mapToLong(Map.Entry::getValue).sum();
                report.check(fiveHundreds == 0, fiveHundreds + " answers 5xx or none"
                        + (serverErrors.isEmpty() ? "" : " (first: " + serverErrors.get(0) + ")"));
                report.check(statuses.keySet().stream().allMatch(s -> (s >= 200 && s < 300) || s == 409),
                        "every answer a success (2xx) or a 409");

                long broken = db.single("""
                        SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry
                        GROUP BY aggregate_identifier HAVING max(sequence_number) + 1 <> count(*)
                            OR count(DISTINCT sequence_number) <> count(*)) broken""");
                report.check(broken == 0, broken + " aggregates with duplicate or missing sequence numbers");
                Set<String> storedEvidence = new HashSet<>(db.strings("SELECT payload ->> 'evidenceId' FROM domain_event_entry "
                        + "WHERE payload_type LIKE '%.EvidenceLogged' AND payload ->> 'title' <> 'Groundwork'"));
                Set<String> storedFeedback = new HashSet<>(db.strings("SELECT payload ->> 'feedbackId' FROM domain_event_entry "
                        + "WHERE payload_type LIKE '%.FeedbackRecorded'"));
                long lost = evidence.stream().filter(id -> !storedEvidence.contains(id)).count()
                        + feedback.stream().filter(id -> !storedFeedback.contains(id)).count();
                report.check(lost == 0, (evidence.size() + feedback.size()) + " evidence and feedback writes acknowledged, "
                        + lost + " of them lost");
                long twice = db.single("SELECT count(*) - count(DISTINCT payload ->> 'evidenceId') FROM domain_event_entry "
                        + "WHERE payload_type LIKE '%.EvidenceLogged'");
                report.check(twice == 0, twice + " evidence stored twice");
                List<String> owners = db.strings("SELECT DISTINCT owner FROM token_entry WHERE processor_name = 'read-models' "
                        + "AND owner IS NOT NULL");
                report.check(owners.size() <= 1, "the read models are built by one instance at a time (owners of the "
                        + "read-models segments: " + owners + ")");

                long retried = apps.stream().mapToLong(a -> a.count("Will retry")).sum();
                long gaveUp = apps.stream().mapToLong(a -> a.count("Giving up permanently")).sum();
                report.measured(retried + " attempts lost the race for an aggregate to another instance and were retried; "
                        + gaveUp + " commands kept losing and were answered 409 concurrent-modification");
                for (int i = 0; i < instances; i++) {
                    String quarters = quarterViewsIncomplete(through.get(i), db, people, quarter, storedEvidence,
                            storedFeedback);
                    report.check(quarters == null, "quarter views complete through " + apps.get(i).name()
                            + (quarters == null ? "" : ": " + quarters));
                    String persons = personViewsIncomplete(through.get(i), db, people);
                    report.check(persons == null, "person views current through " + apps.get(i).name()
                            + (persons == null ? "" : ": " + persons));
                }
            } finally {
                apps.forEach(App::close);
            }
        }
        return report;
    }

    /**
     * Null if every person's quarter view through this instance shows everything stored, at the stored version (it may
     * take a little while); else what is missing.
     */
    private static String quarterViewsIncomplete(Client http, Database db, List<String> people, String quarter,
                                                 Set<String> evidence, Set<String> feedback) {
        return within(Duration.ofSeconds(60), () -> {
            Set<String> seenEvidence = new HashSet<>();
            Set<String> seenFeedback = new HashSet<>();
            for (String person : people) {
                Client.Answer view = http.get("/api/people/" + person + "/quarters/" + quarter);
                if (view.status() != 200) {
                    return "quarter view of " + person + " answered " + view.status() + " " + view.problemType();
                }
                JsonNode json = view.json();
                json.get("evidence").forEach(e -> {
                    if (!"Groundwork".equals(e.get("title").asText())) {
                        seenEvidence.add(e.get("evidenceId").asText());
                    }
                });
                json.get("feedback").forEach(f -> seenFeedback.add(f.get("feedbackId").asText()));
                long stored = db.single("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        person + "/" + quarter);
                if (json.get("version").asLong() != stored) {
                    return "quarter view of " + person + " at version " + json.get("version") + ", stored " + stored;
                }
            }
            if (!(seenEvidence.equals(evidence) && seenFeedback.equals(feedback))) {
                return "views show " + seenEvidence.size() + " evidence / " + seenFeedback.size() + " feedback, stored "
                        + evidence.size() + " / " + feedback.size();
            }
            return null;
        });
    }

    /** Null if every person's view (the directory) through this instance is at the stored version; else which not. */
    private static String personViewsIncomplete(Client http, Database db, List<String> people) {
        return within(Duration.ofSeconds(30), () -> {
            for (String person : people) {
                Client.Answer view = http.get("/api/people/" + person);
                long stored = db.single("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        person);
                if (view.status() != 200) {
                    String last = db.strings("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                            + "ORDER BY sequence_number DESC LIMIT 1", person).get(0);
                    return "person view of " + person + " answered " + view.status() + " " + view.problemType()
                            + " (its last event: " + last.substring(last.lastIndexOf('.') + 1) + ")";
                }
                if (view.json().get("version").asLong() != stored) {
                    return "person view of " + person + " at version " + view.json().get("version") + ", stored " + stored;
                }
            }
            return null;
        });
    }

    /** Runs the check until it finds nothing missing, for at most {@code limit}; the last finding, or null. */
    private static String within(Duration limit, java.util.function.Supplier<String> check) {
        long deadline = System.nanoTime() + limit.toNanos();
        String problem = check.get();
        while (problem != null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            problem = check.get();
        }
        return problem;
    }

    static String register(Client http, String name, String track, String level) {
        Client.Answer a = expect(http.post("/api/people", ("{\"name\":\"%s\",\"email\":\"%s@example.com\","
                + "\"discipline\":\"ENGINEERING\",\"track\":\"%s\",\"level\":\"%s\"}")
                .formatted(name, UUID.randomUUID(), track, level)), 201);
        return a.json().get("id").asText();
    }

    static Client.Answer expect(Client.Answer a, int status) {
        if (a.status() != status) {
            throw new IllegalStateException("set-up expected " + status + ", got " + a.status() + ": " + a.body());
        }
        return a;
    }
}
