package com.careerledger.reliability;

import com.careerledger.storage.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One scenario's own world: its folder (emptied first), the application processes and PostgreSQL servers it starts,
 * and its HTTP clients. Closing it stops every one of them, also after a failure half-way: applications with
 * SIGTERM, servers with a fast shutdown, and an embedded server left behind by a killed application by its own pid.
 */
final class Context implements AutoCloseable {

    static final String ADMIN = "admin";
    /** How long a client waits for an answer: longer than any pool or lock timeout of the application. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(45);
    static final Duration START_LIMIT = Duration.ofSeconds(240);

    private final Path dir;
    private final Path jar;
    private final String adminPassword;
    private final String runId;
    private final String javaOptions;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<Path> embeddedDataDirs = new ArrayList<>();

    Context(Path dir, Path jar, String adminPassword, String runId, String javaOptions) throws IOException {
        this.dir = dir;
        this.jar = jar;
        this.adminPassword = adminPassword;
        this.runId = runId;
        this.javaOptions = javaOptions;
        FaultSuite.deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    Path dir() {
        return dir;
    }

    /** Short and unique to this run: keeps e-mail addresses and titles unique. */
    String runId() {
        return runId;
    }

    /** Starts the application jar; see {@link AppProcess#start}. Its log is {@code <dir>/<name>.log}. */
    synchronized AppProcess app(String name, Map<String, String> env, List<String> args) throws IOException {
        AppProcess app = AppProcess.start(name, jar, dir.resolve(name + ".log"), adminPassword, env, args, javaOptions);
        resources.push(app);
        if (env.containsKey("CAREER_DATA_DIR")) {
            embeddedDataDirs.add(Path.of(env.get("CAREER_DATA_DIR")));
        }
        return app;
    }

    /** Starts the application and waits until it is healthy; returns it with the seconds it took in {@code took}. */
    AppProcess healthyApp(String name, Map<String, String> env, List<String> args, double[] took)
            throws IOException, InterruptedException {
        AppProcess app = app(name, env, args);
        double seconds = app.awaitHealthy(START_LIMIT);
        if (took != null) {
            took[0] = seconds;
        }
        return app;
    }

    /** A PostgreSQL server of the scenario's own (durable, as in production), in {@code <dir>/<name>}. */
    synchronized EmbeddedPostgres postgres(String name) {
        EmbeddedPostgres pg = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(dir.resolve(name), false, true, 0,
                "career_ledger"));
        resources.push(pg);
        return pg;
    }

    /** What an application needs to use {@code pg} as its external database. */
    static Map<String, String> external(EmbeddedPostgres pg) {
        return Map.of("CAREER_DB_URL", pg.jdbcUrl(), "CAREER_DB_USER", pg.username(), "CAREER_DB_PASSWORD", pg.password());
    }

    /** The admin's client of an application. */
    synchronized Http http(AppProcess app) {
        Http http = new Http(app.port(), ADMIN, adminPassword, READ_TIMEOUT);
        resources.push(http);
        return http;
    }

    /** Another admin client of an application, with its own read timeout (a probe that must not wait long). */
    synchronized Http http(AppProcess app, Duration readTimeout) {
        Http http = new Http(app.port(), ADMIN, adminPassword, readTimeout);
        resources.push(http);
        return http;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                System.out.println("  (clean-up: " + e + ")");
            }
        }
        for (Path data : embeddedDataDirs) {
            stopLeftoverServer(data);
        }
    }

    /**
     * An application killed with {@code kill -9} leaves its embedded PostgreSQL running (its next start stops it):
     * when a scenario ends before that next start, that server is stopped here, by the pid it recorded.
     */
    private static void stopLeftoverServer(Path dataDir) {
        try {
            Path pidFile = Sql.clusterDir(dataDir).resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
            Optional<ProcessHandle> server = ProcessHandle.of(pid);
            if (server.isEmpty() || !server.get().isAlive()) {
                return;
            }
            // SIGINT: PostgreSQL's fast shutdown
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
            server.get().onExit().get(30, TimeUnit.SECONDS);
            System.out.println("  (clean-up: stopped the embedded PostgreSQL left running in " + dataDir + ", pid " + pid + ")");
        } catch (Exception e) {
            System.out.println("  (clean-up: could not stop an embedded PostgreSQL in " + dataDir + ": " + e + ")");
        }
    }
}
