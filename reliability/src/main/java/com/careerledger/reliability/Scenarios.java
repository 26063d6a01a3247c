package com.careerledger.reliability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fault scenarios against the packaged application, with real processes and real PostgreSQL servers:
 * <pre>
 *   two-instances    [--instances=2] [--clients=6] [--people=4] [--writes=300]
 *   database-outage  [--clients=4] [--before=3] [--outage=8] [--after=10]    (seconds)
 * </pre>
 * Common options: {@code --jar=career-api/target/career-api-*.jar} (the application), {@code --work-dir=DIR} (logs
 * of the instances and the database cluster; a new temporary folder by default, deleted when everything held).
 * Prints, for each scenario, what it tried, what it measured and what held. Exit status: 0 if everything held, 1 if
 * something did not (a write lost, a 500...), 2 if a scenario could not run.
 */
public final class Scenarios {

    /** {@code --name=value} options. */
    static final class Options {
        private final Map<String, String> values = new LinkedHashMap<>();

        Options(List<String> arguments) {
            for (String argument : arguments) {
                if (!argument.startsWith("--") || !argument.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value, not " + argument);
                }
                values.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
            }
        }

        int integer(String name, int otherwise) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
        }

        String text(String name, String otherwise) {
            return values.getOrDefault(name, otherwise);
        }
    }

    private Scenarios() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].startsWith("-h") || args[0].equals("--help")) {
            System.out.println("""
                    usage: reliability/scenario <scenario>... [--option=value]...
                      two-instances    [--instances=2] [--clients=6] [--people=4] [--writes=300]
                      database-outage  [--clients=4] [--before=3] [--outage=8] [--after=10]   (seconds)
                      common: --jar=career-api/target/career-api-*.jar  --work-dir=DIR""");
            System.exit(args.length == 0 ? 2 : 0);
        }
        List<String> scenarios = new ArrayList<>();
        List<String> optionArgs = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") ? optionArgs : scenarios).add(arg);
        }
        int exit = 0;
        try {
            Options options = new Options(optionArgs);
            Path jar = jar(options);
            for (String scenario : scenarios) {
                Path workDir = options.values.containsKey("work-dir")
                        ? Files.createDirectories(Path.of(options.text("work-dir", ".")).resolve(scenario))
                        : Files.createTempDirectory("career-reliability-" + scenario + "-");
                // the embedded server runs as an unprivileged user when this runs as root: it must reach its folder
                Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                System.out.println("Running " + scenario + " against " + jar + " (work folder " + workDir + ")");
                Report report = switch (scenario) {
                    case "two-instances" -> new TwoInstances(options).run(jar, workDir);
                    case "database-outage" -> new DatabaseOutage(options).run(jar, workDir);
                    default -> throw new IllegalArgumentException("no scenario named " + scenario);
                };
                report.print();
                if (!report.held()) {
                    exit = Math.max(exit, 1);
                    System.out.println("  logs: " + workDir);
                } else if (!options.values.containsKey("work-dir")) {
                    deleteRecursively(workDir);
                }
            }
        } catch (Exception e) {
            System.err.println("Could not run: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private static Path jar(Options options) throws IOException {
        if (options.values.containsKey("jar")) {
            return Path.of(options.text("jar", "")).toAbsolutePath();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("career-api", "target"), "career-api-*.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no career-api/target/career-api-*.jar: build it (./mvnw -DskipTests package)");
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it up eventually
        }
    }
}
