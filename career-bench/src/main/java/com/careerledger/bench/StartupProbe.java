package com.careerledger.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to healthy: the application jar started as its own JVM ({@code java -jar}), on its embedded
 * PostgreSQL with a data folder a first start has already initialised (kept between runs under the work
 * folder), timed from the process start until {@code /actuator/health} answers UP.
 */
final class StartupProbe {

    private final Path jar;
    private final Path dataDir;
    private final Path logFile;
    private final String adminPassword;
    private final ProgressPrinter progress;

    StartupProbe(Path jar, Path workDir, String adminPassword, ProgressPrinter progress) {
        this.jar = jar;
        this.dataDir = workDir.resolve("startup-data");
        this.logFile = workDir.resolve("startup-app.log");
        this.adminPassword = adminPassword;
        this.progress = progress;
    }

    /** A first start initialises the cluster and runs the migrations; it is not timed. */
    void initialiseIfNeeded() throws IOException, InterruptedException {
        if (Files.exists(dataDir.resolve("pgdata").resolve("PG_VERSION")) && Files.exists(dataDir.resolve(".initialised"))) {
            progress.say("the kept data folder " + dataDir + " is initialised already");
            return;
        }
        progress.say("first start (not timed): initialising the embedded database in " + dataDir);
        double seconds = startAndStop();
        Files.writeString(dataDir.resolve(".initialised"), "first start took " + seconds + " s\n");
        progress.say(String.format(java.util.Locale.US, "first start was healthy after %.1f s", seconds));
    }

    /** Starts the application, waits for UP, stops it; returns the seconds to UP. */
    double startAndStop() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        // embedded, whatever database the benchmark itself was given
        env.remove("CAREER_DB_URL");
        env.remove("CAREER_DB_USER");
        env.remove("CAREER_DB_PASSWORD");
        env.remove("SPRING_DATASOURCE_URL");
        env.put("CAREER_DATA_DIR", dataDir.toString());
        env.put("PORT", String.valueOf(port));
        env.put("CAREER_ADMIN_PASSWORD", adminPassword);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long start = System.nanoTime();
        Process app = pb.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("the application exited with " + app.exitValue()
                            + " before it was healthy; see " + logFile);
                }
                try {
                    HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy within 180 s; see " + logFile);
                }
                Thread.sleep(50);
            }
        } finally {
            stop(app);
        }
    }

    private void stop(Process app) throws InterruptedException {
        app.destroy(); // SIGTERM: graceful shutdown, which also stops the embedded PostgreSQL
        if (!app.waitFor(90, TimeUnit.SECONDS)) {
            progress.say("the application did not stop within 90 s; killing it (its PostgreSQL is stopped on the next start)");
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    Path logFile() {
        return logFile;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
