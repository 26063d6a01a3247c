package com.careerledger.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as its own JVM ({@code java -jar career-api-….jar}), started as an operator starts it:
 * configured by environment variables and {@code --property=value} arguments, its output in a log file, healthy once
 * {@code /actuator/health} answers UP. Stopped gracefully (SIGTERM) or killed ({@code kill -9}).
 */
final class AppProcess implements AutoCloseable {

    /** Environment of the caller that would choose another database than the one the scenario gives. */
    private static final List<String> DATABASE_ENVIRONMENT = List.of("CAREER_DB_URL", "CAREER_DB_USER",
            "CAREER_DB_PASSWORD", "CAREER_DATA_DIR", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "SPRING_PROFILES_ACTIVE", "PORT", "CAREER_SECURITY_MODE");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar; returns at once (see {@link #awaitHealthy}).
     *
     * @param env  CAREER_DATA_DIR or CAREER_DB_URL/USER/PASSWORD, and anything else the scenario sets
     * @param args {@code --property=value} arguments after the ones every scenario uses
     */
    static AppProcess start(String name, Path jar, Path log, String adminPassword, Map<String, String> env,
                            List<String> args, String javaOptions) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : javaOptions.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString(),
                // the write rate limiter (50/s per account) is not under test: lifted, so the load is not refused 429
                "--career.security.rate-limit.writes-per-second=100000",
                "--career.security.rate-limit.burst=100000",
                "--career.security.rate-limit.writes-per-minute=100000000"));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = pb.environment();
        DATABASE_ENVIRONMENT.forEach(environment::remove);
        environment.putAll(env);
        environment.put("PORT", String.valueOf(port));
        environment.put("CAREER_ADMIN_PASSWORD", adminPassword);
        Files.writeString(log, "=== fault suite: " + String.join(" ", command) + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new AppProcess(name, pb.start(), port, log);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} answers 200 UP; returns the seconds waited. */
    double awaitHealthy(Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (Http probe = new Http(port, null, null, Duration.ofSeconds(5))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue()
                            + " before it was healthy; see " + log);
                }
                try {
                    Http.Response r = probe.get("/actuator/health");
                    if (r.status() == 200 && r.body().contains("\"UP\"")) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " was not healthy within " + limit.toSeconds() + " s; see " + log);
                }
                Thread.sleep(100);
            }
        }
    }

    /** {@code kill -9}: no shutdown of any kind; its embedded PostgreSQL, if any, is left running as after a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM: a graceful shutdown (which also stops an embedded PostgreSQL); killed if it takes over 90 s. */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
