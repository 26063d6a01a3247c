package com.careerledger.reliability;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fault suite ({@code reliability/run}, docs/operations.md "Fault suite"): each scenario starts the packaged
 * application as real processes on a real PostgreSQL, breaks something, and reports what it tried, what it measured
 * and which expectations held; a summary table comes last. Exit code 0 if every scenario chosen held, 1 if one did
 * not (something lost, a 500, a target missed, or it could not run), 2 if the suite itself could not start.
 */
public final class FaultSuite {

    interface Scenario {
        String name();

        /** One line: what the scenario does. */
        String description();

        void run(Context context, Report report) throws Exception;
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(new Kill9(), new PgRestart(), new Instances(2), new Instances(3), new Poison(), new Gap())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    record Options(List<String> scenarios, Path appJar, Path workDir, String appJavaOptions) {
    }

    private FaultSuite() {
    }

    public static void main(String[] args) {
        quietLogging();
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = "help".equals(e.getMessage());
            if (!help) {
                System.err.println(e.getMessage());
            }
            (help ? System.out : System.err).println(usage());
            System.exit(help ? 0 : 2);
            return;
        }
        if (!Files.isRegularFile(options.appJar())) {
            System.err.println("The application jar " + options.appJar() + " is not there: run reliability/run without "
                    + "--no-build, or build it with ./mvnw -q -B package -DskipTests -pl career-api -am");
            System.exit(2);
            return;
        }
        System.exit(run(options, System.out));
    }

    static int run(Options options, PrintStream out) {
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        String runId = Long.toString(Instant.now().toEpochMilli() % 1_000_000_000L, 36);
        out.println("Career Ledger fault suite: " + String.join(", ", options.scenarios()));
        out.println("application: " + options.appJar() + " (java -jar" + (options.appJavaOptions().isBlank() ? "" : " "
                + options.appJavaOptions()) + "), on 127.0.0.1 only; work folder " + options.workDir());
        out.println("every process is started here and stopped at the end of its scenario; logs stay in the work folder");
        List<Report> reports = new ArrayList<>();
        for (String name : options.scenarios()) {
            Scenario scenario = SCENARIOS.get(name);
            out.println();
            out.println("== " + name + ": " + scenario.description());
            Report report = new Report(name, out);
            Path dir = options.workDir().resolve(name);
            try (Context context = new Context(dir, options.appJar(), adminPassword, runId + name.charAt(0),
                    options.appJavaOptions())) {
                CURRENT.set(context);
                scenario.run(context, report);
            } catch (Exception | AssertionError e) {
                report.couldNotRun(e);
            } finally {
                CURRENT.set(null);
            }
            out.println("  logs: " + dir);
            report.finish();
            reports.add(report);
        }
        out.println();
        out.println("Summary (acked: writes answered 201; lost: acknowledged but not found afterwards; "
                + "5xx/500: answers with that status)");
        out.println(Report.header());
        reports.forEach(r -> out.println(r.row()));
        boolean held = reports.stream().allMatch(Report::held);
        out.println();
        out.println(held ? "Every scenario held." : "NOT every scenario held: see the [NOT HELD] lines above.");
        return held ? 0 : 1;
    }

    /** The scenario running now, stopped by the shutdown hook on Ctrl-C. */
    private static final java.util.concurrent.atomic.AtomicReference<Context> CURRENT = new java.util.concurrent.atomic.AtomicReference<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Context c = CURRENT.getAndSet(null);
            if (c != null) {
                c.close();
            }
        }, "fault-suite-cleanup"));
    }

    static Options parse(String[] args) {
        List<String> scenarios = new ArrayList<>();
        Path appJar = Path.of("career-api", "target", "career-api-0.1.0-SNAPSHOT.jar");
        Path workDir = Path.of("career-reliability", "target", "reliability");
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("help");
            } else if (arg.startsWith("--app-jar=")) {
                appJar = Path.of(arg.substring("--app-jar=".length()));
            } else if (arg.startsWith("--work-dir=")) {
                workDir = Path.of(arg.substring("--work-dir=".length()));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else if (!SCENARIOS.containsKey(arg)) {
                throw new IllegalArgumentException("unknown scenario " + arg + " (there are: "
                        + String.join(", ", SCENARIOS.keySet()) + ")");
            } else if (!scenarios.contains(arg)) {
                scenarios.add(arg);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(SCENARIOS.keySet());
        }
        String javaOptions = System.getenv().getOrDefault("RELIABILITY_APP_JAVA_OPTS", "-Xmx512m");
        return new Options(List.copyOf(scenarios), appJar.toAbsolutePath().normalize(),
                workDir.toAbsolutePath().normalize(), javaOptions);
    }

    static String usage() {
        StringBuilder s = new StringBuilder("""
                usage: reliability/run [--no-build] [--app-jar=PATH] [--work-dir=PATH] [scenario ...]
                  scenarios (default: all, in this order):
                """);
        SCENARIOS.values().forEach(sc -> s.append(String.format("    %-16s %s%n", sc.name(), sc.description())));
        s.append("""
                  --no-build      run the jar built last (reliability/run builds career-api and this suite first)
                  --app-jar=PATH  the application jar (default career-api/target/career-api-0.1.0-SNAPSHOT.jar)
                  --work-dir=PATH where each scenario keeps its data and logs (default career-reliability/target/reliability)
                JVM options of the applications started: RELIABILITY_APP_JAVA_OPTS (default -Xmx512m).
                Exit code: 0 every scenario held, 1 one did not, 2 the suite could not start.""");
        return s.toString();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
