package com.careerledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What to run and how big. The full run follows docs/performance.md; {@code --smoke} shrinks every size so the
 * whole benchmark takes well under a minute (its figures only prove the benchmark works).
 *
 * @param events       events generated for the rebuild (the pit person's ~1,000 come on top)
 * @param warmup       per throughput measurement, not counted
 * @param measure      per throughput measurement, counted
 * @param quarters     open quarters (one person each) each LogEvidence measurement spreads its commands over
 * @param pitCalls     point-in-time history calls measured (after 5 warm-up calls)
 * @param startups     timed start-ups of the application; the median counts
 * @param skip         phases left out (raw, commands, http, startup), for working on the benchmark itself
 * @param pitEvidence  evidence per quarter of the point-in-time person (40 quarters of 8 + this many events): 16
 *                     gives about 1,000 events, the figure's size; larger, to see how the cost grows per person
 */
record Options(boolean smoke, long events, Duration warmup, Duration measure, int quarters, int pitCalls,
               int startups, Path workDir, Path appJar, String dbUrl, String dbUser,
               String dbPassword, Set<String> skip, int pitEvidence) {

    static final Set<String> SKIPPABLE = Set.of("raw", "commands", "http", "startup");

    static Options parse(String[] args) {
        boolean smoke = false;
        Long events = null;
        Double seconds = null;
        Path workDir = Path.of("career-bench", "target", "bench");
        Path appJar = null;
        Set<String> skip = new HashSet<>();
        int pitEvidence = EventGenerator.PIT_EVIDENCE;
        for (String arg : args) {
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.startsWith("--events=")) {
                events = Long.parseLong(arg.substring("--events=".length()).replace("_", "").replace(",", ""));
            } else if (arg.startsWith("--pit-evidence=")) {
                pitEvidence = Integer.parseInt(arg.substring("--pit-evidence=".length()));
                if (pitEvidence < 0) {
                    throw new IllegalArgumentException("--pit-evidence takes a number of at least 0");
                }
            } else if (arg.startsWith("--seconds=")) {
                seconds = Double.parseDouble(arg.substring("--seconds=".length()));
            } else if (arg.startsWith("--work-dir=")) {
                workDir = Path.of(arg.substring("--work-dir=".length()));
            } else if (arg.startsWith("--app-jar=")) {
                appJar = Path.of(arg.substring("--app-jar=".length()));
            } else if (arg.startsWith("--skip=")) {
                for (String phase : arg.substring("--skip=".length()).split(",")) {
                    if (!SKIPPABLE.contains(phase)) {
                        throw new IllegalArgumentException("--skip takes " + SKIPPABLE + ", not " + phase);
                    }
                    skip.add(phase);
                }
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("help");
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Duration measure = seconds != null ? Duration.ofMillis(Math.round(seconds * 1000))
                : smoke ? Duration.ofMillis(1000) : Duration.ofSeconds(15);
        Duration warmup = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(3);
        String url = blankToNull(System.getenv("CAREER_DB_URL"));
        return new Options(smoke,
                events != null ? events : smoke ? 2_000 : 1_000_000,
                warmup, measure,
                smoke ? 16 : 1_000,
                smoke ? 10 : 30,
                smoke ? 1 : 3,
                workDir.toAbsolutePath().normalize(),
                appJar != null ? appJar.toAbsolutePath() : findAppJar(),
                url,
                url == null ? null : System.getenv("CAREER_DB_USER"),
                url == null ? null : System.getenv("CAREER_DB_PASSWORD"),
                Set.copyOf(skip), pitEvidence);
    }

    static String usage() {
        return """
                usage: bench/run [--smoke] [--events=N] [--pit-evidence=N] [--seconds=S] [--skip=raw,commands,http,startup] [--no-build]
                  --smoke       small sizes, under a minute: proves the benchmark runs; its figures mean little
                  --events=N    events generated for the projection rebuild (default 1,000,000; smoke 2,000)
                  --pit-evidence=N  evidence per quarter of the point-in-time person (default 16: ~1,000 events)
                  --seconds=S   measured seconds per throughput figure (default 15; smoke 1)
                  --skip=...    leave phases out (their figures are then missing and count as missed)
                  --no-build    run what was built last (bench/run only)
                Database: its own embedded PostgreSQL (durable), or CAREER_DB_URL / CAREER_DB_USER / CAREER_DB_PASSWORD.""";
    }

    boolean runs(String phase) {
        return !skip.contains(phase);
    }

    private static Path findAppJar() {
        Path target = Path.of("career-api", "target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("career-api-.*\\.jar"))
                    .findFirst().map(p -> p.toAbsolutePath().normalize()).orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
