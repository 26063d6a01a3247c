package com.careerledger.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Clients logging evidence as fast as they are answered, each on its own thread and keep-alive connection, client
 * {@code c} through instance {@code c % instances}, each write into a random quarter of a random person (with
 * several clients on a few people, writes to one quarter contend). Every attempt is recorded: what was sent (a title
 * unique in the run), when, and what came back — a status and the evidence id, or no answer at all (the connection
 * broke or timed out: its outcome is unknown, so it counts neither as acknowledged nor as lost).
 */
final class WriteLoad {

    /** One write. {@code status} is {@link #NO_ANSWER} when none came back. Times are {@code System.nanoTime()}. */
    record Attempt(int client, int instance, String person, String quarter, String title, long start, long end,
                   int status, String evidenceId, String retryAfter, String error) {

        boolean acknowledged() {
            return status == 201 && evidenceId != null;
        }

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    static final int NO_ANSWER = -1;

    private final String label;
    private final List<Http> instances;
    private final List<Ledger.Person> people;
    private final int clients;
    private final Duration pauseAfterRefusal;
    private final Collection<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param pauseAfterRefusal how long a client waits after an answer other than 201 or no answer, as a client
     *                          backing off would (and so a fast refusal does not flood the log)
     */
    WriteLoad(String label, List<Http> instances, List<Ledger.Person> people, int clients, Duration pauseAfterRefusal) {
        this.label = label;
        this.instances = List.copyOf(instances);
        this.people = List.copyOf(people);
        this.clients = clients;
        this.pauseAfterRefusal = pauseAfterRefusal;
    }

    void start() {
        running = true;
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> write(client), label + "-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the clients and waits for their last requests (bounded by the client's read timeout). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(90).toMillis());
        }
    }

    int acknowledgedSoFar() {
        return acknowledged.get();
    }

    List<Attempt> attempts() {
        List<Attempt> all = new ArrayList<>(attempts);
        all.sort((a, b) -> Long.compare(a.start(), b.start()));
        return all;
    }

    private void write(int client) {
        int instance = client % instances.size();
        Http http = instances.get(instance);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 1; running; n++) {
            Ledger.Person person = people.get(random.nextInt(people.size()));
            String quarter = person.quarters().get(random.nextInt(person.quarters().size()));
            String title = label + " c" + client + " #" + n;
            long start = System.nanoTime();
            try {
                Http.Response r = Ledger.logEvidence(http, person.id(), quarter, title);
                String evidenceId = null;
                if (r.status() == 201) {
                    evidenceId = r.json().path("evidenceId").asText(null);
                    acknowledged.incrementAndGet();
                }
                attempts.add(new Attempt(client, instance, person.id(), quarter, title, start, System.nanoTime(),
                        r.status(), evidenceId, r.retryAfter(), r.status() >= 400 ? problemType(r) : null));
                if (r.status() != 201) {
                    Wait.pause(pauseAfterRefusal);
                }
            } catch (IOException | RuntimeException e) {
                attempts.add(new Attempt(client, instance, person.id(), quarter, title, start, System.nanoTime(),
                        NO_ANSWER, null, null, e.toString()));
                Wait.pause(Duration.ofMillis(200));
            }
        }
    }

    private static String problemType(Http.Response r) {
        try {
            return r.json().path("type").asText(null);
        } catch (RuntimeException notJson) {
            return Http.abbreviated(r.body());
        }
    }

    // --- figures over attempts ---------------------------------------------------------------------------------

    /** Answers by status, {@code "no answer"} for the attempts without one: {@code 201×312, 503×40}. */
    static String byStatus(List<Attempt> attempts) {
        Map<Integer, Long> counts = new TreeMap<>(attempts.stream()
                .collect(Collectors.groupingBy(Attempt::status, Collectors.counting())));
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .map(e -> (e.getKey() == NO_ANSWER ? "no answer" : String.valueOf(e.getKey())) + "×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static List<Attempt> where(List<Attempt> attempts, Predicate<Attempt> which) {
        return attempts.stream().filter(which).toList();
    }

    static List<Attempt> acknowledged(List<Attempt> attempts) {
        return where(attempts, Attempt::acknowledged);
    }

    static int count(List<Attempt> attempts, Predicate<Attempt> which) {
        return (int) attempts.stream().filter(which).count();
    }

    static int fiveXx(List<Attempt> attempts) {
        return count(attempts, a -> a.status() >= 500);
    }

    static int fiveHundred(List<Attempt> attempts) {
        return count(attempts, a -> a.status() == 500);
    }

    /** Acknowledged writes whose evidence id is not among {@code found}. */
    static List<Attempt> missing(List<Attempt> attempts, Set<String> found) {
        return acknowledged(attempts).stream().filter(a -> !found.contains(a.evidenceId())).toList();
    }

    static double slowest(List<Attempt> attempts) {
        return attempts.stream().mapToDouble(Attempt::seconds).max().orElse(0);
    }

    /** The distinct problem types (or errors) of the attempts, for a report. */
    static String causes(List<Attempt> attempts) {
        return attempts.stream().map(a -> a.error() == null ? "?" : a.error()).distinct().limit(4)
                .collect(Collectors.joining("; "));
    }

    static String seconds(double s) {
        return String.format(Locale.US, "%.2f s", s);
    }
}
