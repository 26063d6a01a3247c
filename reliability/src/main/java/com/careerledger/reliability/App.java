package com.careerledger.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One instance of the packaged application: {@code java -jar career-api-*.jar}, its output in a log file. */
final class App implements AutoCloseable {

    static final String ADMIN = "admin";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final String adminPassword;

    private App(String name, Process process, int port, Path log, String adminPassword) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** Starts the jar against the given database and waits until it answers healthy. */
    static App start(String name, Path jar, Path workDir, Database db, String adminPassword, String... arguments) {
        try {
            int port = freePort();
            Path log = workDir.resolve(name + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-jar", jar.toString(),
                    "--server.port=" + port,
                    // the scenarios' clients all write as the one admin: not the rate limit under test here
                    "--career.security.rate-limit.writes-per-second=100000",
                    "--career.security.rate-limit.burst=100000"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("CAREER_DB_URL", db.jdbcUrl());
            env.put("CAREER_DB_USER", db.username());
            env.put("CAREER_DB_PASSWORD", db.password());
            env.put("CAREER_ADMIN_PASSWORD", adminPassword);
            env.put("CAREER_DATA_DIR", workDir.resolve(name + "-data").toString());
            App app = new App(name, builder.start(), port, log, adminPassword);
            app.awaitHealthy(Duration.ofMinutes(3));
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    private void awaitHealthy(Duration limit) {
        Client client = client(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                        + log + "\n" + tail());
            }
            if (client.anonymousGet("/actuator/health").status() == 200) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException(name + " not healthy within " + limit + "; see " + log + "\n" + tail());
    }

    Client client(Duration timeout) {
        return new Client(port, ADMIN, adminPassword, timeout);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Lines of its log that contain the text. */
    long count(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it as an operator would (SIGTERM, graceful shutdown), forcibly after a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
