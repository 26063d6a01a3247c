package com.careerledger.api.testsupport;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Dates that the quarter rules accept: a piece of evidence is dated inside its own quarter and never in the future.
 * Tests write evidence through these, so the data stays valid whatever quarter a test writes to.
 */
public final class QuarterDates {

    private QuarterDates() {
    }

    /** Today in UTC, the calendar the application's rules use. */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The quarter's first day, written YYYY-MM-DD. */
    public static LocalDate firstDay(String quarter) {
        String[] parts = quarter.strip().split("-Q");
        return LocalDate.of(Integer.parseInt(parts[0]), (Integer.parseInt(parts[1]) - 1) * 3 + 1, 1);
    }

    /**
     * A day inside {@code quarter} that is not in the future: the quarter's tenth day, or today when that has not
     * come yet (the current quarter in its first days).
     */
    public static String occurredOn(String quarter) {
        return occurredOn(quarter, 9);
    }

    /** The quarter's first day plus {@code days} (kept inside the quarter), or today when that is still to come. */
    public static String occurredOn(String quarter, int days) {
        LocalDate first = firstDay(quarter);
        LocalDate day = first.plusDays(days);
        LocalDate last = first.plusMonths(3).minusDays(1);
        if (day.isAfter(last)) {
            day = last;
        }
        return (day.isAfter(today()) ? today() : day).toString();
    }

    /** The current quarter, written YYYY-Qn. */
    public static String currentQuarter() {
        LocalDate t = today();
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }
}
