package com.careerledger.bench;

import java.util.Locale;

/**
 * One measured figure and what it is held against: a baseline measured in the same run (the target is then a
 * ratio), an absolute bound, or nothing (shown for information).
 */
record Figure(String name, Double value, String unit, Double baseline, String baselineUnit, Target target, String note) {

    /** What a figure must reach. */
    sealed interface Target {
    }

    /** value / baseline must be at least this. */
    record RatioAtLeast(double ratio) implements Target {
    }

    /** value must be at least this (same unit as the value). */
    record AtLeast(double bound) implements Target {
    }

    /** value must be at most this (same unit as the value). */
    record AtMost(double bound) implements Target {
    }

    /** No target: the figure is shown for information. */
    record None() implements Target {
    }

    static Figure rate(String name, double value, Double baseline, double minRatio) {
        return new Figure(name, value, "/s", baseline, "/s", new RatioAtLeast(minRatio), null);
    }

    static Figure info(String name, Double value, String unit) {
        return new Figure(name, value, unit, null, null, new None(), null);
    }

    /** A figure that could not be measured: counts as missed. */
    static Figure failed(String name, String unit, Target target, String why) {
        return new Figure(name, null, unit, null, null, target, why);
    }

    Figure withNote(String text) {
        return new Figure(name, value, unit, baseline, baselineUnit, target, text);
    }

    Double ratio() {
        return value == null || baseline == null || baseline == 0 ? null : value / baseline;
    }

    String status() {
        if (target instanceof None) {
            return "info";
        }
        if (value == null) {
            return "MISS";
        }
        boolean met = true;
        if (target instanceof RatioAtLeast r) {
            met = ratio() != null && ratio() >= r.ratio();
        } else if (target instanceof AtLeast a) {
            met = value >= a.bound();
        } else if (target instanceof AtMost a) {
            met = value <= a.bound();
        }
        return met ? "PASS" : "MISS";
    }

    boolean missed() {
        return "MISS".equals(status());
    }

    /** {@code commands/s 1 client (gateway)   612/s   baseline 4,480/s   ratio 0.14   target >= 0.30   MISS} */
    String line() {
        String targetText = "-";
        if (target instanceof RatioAtLeast r) {
            targetText = String.format(Locale.ROOT, ">= %.2f", r.ratio());
        } else if (target instanceof AtLeast a) {
            targetText = ">= " + amount(a.bound(), unit);
        } else if (target instanceof AtMost a) {
            targetText = "<= " + amount(a.bound(), unit);
        }
        Double ratio = ratio();
        String line = String.format(Locale.ROOT, "%-52s %12s   baseline %12s   ratio %5s   target %-10s  %s",
                name,
                value == null ? "n/a" : amount(value, unit),
                baseline == null ? "-" : amount(baseline, baselineUnit),
                ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio),
                targetText,
                status());
        return note == null ? line : line + "   (" + note + ")";
    }

    static String amount(double v, String unit) {
        return switch (unit) {
            case "/s" -> String.format(Locale.US, "%,.0f/s", v);
            case "ms" -> String.format(Locale.US, v < 10 ? "%.2f ms" : "%,.1f ms", v);
            case "s" -> String.format(Locale.US, "%.1f s", v);
            default -> String.format(Locale.US, "%,.2f%s", v, unit);
        };
    }
}
