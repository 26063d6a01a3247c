package com.careerledger.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one scenario tried, what it measured and which of its expectations held, printed as it goes. A scenario
 * holds only if it ran to the end, made at least one check, and every check held; one that could not run (the
 * application did not start, say) does not hold either.
 */
final class Report {

    record Check(String what, boolean held, String detail) {
    }

    private final String scenario;
    private final PrintStream out;
    private final List<Check> checks = new ArrayList<>();
    private final long started = System.nanoTime();
    private Integer acknowledged;
    private Integer lost;
    private Integer answered5xx;
    private Integer answered500;
    private String recovery;
    private String error;
    private double seconds = -1;

    Report(String scenario, PrintStream out) {
        this.scenario = scenario;
        this.out = out;
    }

    String scenario() {
        return scenario;
    }

    /** A step taken: what was done to the system. */
    void tried(String what) {
        out.println("  tried: " + what);
    }

    /** A measured figure. */
    void figure(String name, Object value) {
        out.println("  " + name + ": " + value);
    }

    /** An expectation and whether it held. */
    Check check(String what, boolean held, String detail) {
        Check check = new Check(what, held, detail);
        checks.add(check);
        out.println("  [" + (held ? "held" : "NOT HELD") + "] " + what + (detail == null || detail.isEmpty() ? "" : " — " + detail));
        return check;
    }

    /** The writes the scenario counts: acknowledged (201), acknowledged but not found afterwards, answered 5xx / 500. */
    void writes(int acknowledged, int lost, int answered5xx, int answered500) {
        this.acknowledged = acknowledged;
        this.lost = lost;
        this.answered5xx = answered5xx;
        this.answered500 = answered500;
    }

    void recovery(String recovery) {
        this.recovery = recovery;
    }

    /** The scenario stopped before its end; it does not hold. */
    void couldNotRun(Throwable e) {
        this.error = e.getMessage() == null ? e.toString() : e.getMessage();
        out.println("  [NOT HELD] the scenario could not run to its end: " + e);
    }

    void finish() {
        seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.US, "  => %s (%.0f s)%n", held() ? "HELD" : "NOT HELD", seconds);
    }

    boolean held() {
        return error == null && !checks.isEmpty() && checks.stream().allMatch(Check::held);
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    /** One line of the summary table. */
    String row() {
        long failed = checks.stream().filter(c -> !c.held()).count();
        String verdict = held() ? "held" : error != null ? "NOT HELD (could not run)" : "NOT HELD (" + failed + " of " + checks.size() + " checks)";
        return String.format(Locale.US, "| %-16s | %-30s | %6s | %4s | %5s | %4s | %-30s | %5.0f |", scenario, verdict,
                orDash(acknowledged), orDash(lost), orDash(answered5xx), orDash(answered500),
                recovery == null ? "-" : recovery, seconds);
    }

    static String header() {
        return String.format(Locale.US, "| %-16s | %-30s | %6s | %4s | %5s | %4s | %-30s | %5s |%n", "scenario", "verdict",
                "acked", "lost", "5xx", "500", "recovery", "s")
                + String.format("|%s|%s|%s|%s|%s|%s|%s|%s|", "-".repeat(18), "-".repeat(32), "-".repeat(8),
                "-".repeat(6), "-".repeat(7), "-".repeat(6), "-".repeat(32), "-".repeat(7));
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : String.valueOf(value);
    }
}
