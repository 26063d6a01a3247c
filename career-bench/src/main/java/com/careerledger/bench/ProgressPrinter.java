package com.careerledger.bench;

import java.io.PrintStream;

/** What the benchmark is doing, with the time since it started; ticks of long work at most every 5 s. */
final class ProgressPrinter {

    private final long started = System.nanoTime();
    private final PrintStream out;
    private long lastTick;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    void phase(String title) {
        out.println();
        out.println("== " + title + "   (load average " + loadAverage() + ")");
        out.flush();
    }

    /** The 1-minute load average: on a shared machine, how many others wanted the cores meanwhile. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "unknown" : String.format(java.util.Locale.US, "%.2f", load);
        }
    }

    void say(String message) {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf("  [%02d:%02d] %s%n", s / 60, s % 60, message);
        out.flush();
        lastTick = System.nanoTime();
    }

    void tick(String message) {
        if (System.nanoTime() - lastTick >= 5_000_000_000L) {
            say(message);
        }
    }

    void figure(Figure figure) {
        out.println("  " + figure.line());
        out.flush();
    }
}
