package com.careerledger.reliability;

import java.util.ArrayList;
import java.util.List;

/** What a scenario tried, what it measured, and whether what must hold held. */
final class Report {

    private final String scenario;
    private final List<String> lines = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    Report(String scenario) {
        this.scenario = scenario;
    }

    void tried(String what) {
        lines.add("  tried:    " + what);
    }

    void measured(String what) {
        lines.add("  measured: " + what);
    }

    /** A property that must hold; a failed one makes the scenario fail. */
    void check(boolean held, String what) {
        lines.add("  " + (held ? "held:     " : "FAILED:   ") + what);
        if (!held) {
            failures.add(what);
        }
    }

    boolean held() {
        return failures.isEmpty();
    }

    void print() {
        System.out.println();
        System.out.println("== " + scenario + ": " + (held() ? "HELD" : "FAILED (" + failures.size() + ")"));
        lines.forEach(System.out::println);
        System.out.flush();
    }
}
