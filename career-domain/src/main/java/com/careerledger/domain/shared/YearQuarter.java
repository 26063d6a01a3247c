package com.careerledger.domain.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code YYYY-Qn} (e.g. {@code 2026-Q3}), the unit of goals and assessments. */
public record YearQuarter(int year, int quarter) implements Comparable<YearQuarter> {

    /** How a quarter is written, as a regular expression (for documents that describe it). */
    public static final String PATTERN = "^\\d{4}-Q[1-4]$";
    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})-Q([1-4])$");

    public YearQuarter {
        if (year < 1900 || year > 9999 || quarter < 1 || quarter > 4) {
            throw new InvalidCommandException("quarter", "quarter must be written YYYY-Qn with n from 1 to 4");
        }
    }

    public static YearQuarter parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new InvalidCommandException("quarter", "quarter must be written YYYY-Qn with n from 1 to 4, e.g. 2026-Q3");
        }
        return new YearQuarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The quarter a command names; a command that names none is refused as the quarter's. */
    public static YearQuarter required(YearQuarter quarter) {
        if (quarter == null) {
            throw new InvalidCommandException("quarter", "quarter is required, written YYYY-Qn, e.g. 2026-Q3");
        }
        return quarter;
    }

    /** The quarter an instant falls in (quarters are calendar quarters in UTC). */
    public static YearQuarter of(Instant instant) {
        return of(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    public static YearQuarter of(LocalDate date) {
        return new YearQuarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    /** The quarter's first instant, UTC. */
    public Instant start() {
        return firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the quarter, UTC (exclusive end). */
    public Instant end() {
        return firstDay().plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    public YearQuarter next() {
        return quarter == 4 ? new YearQuarter(year + 1, 1) : new YearQuarter(year, quarter + 1);
    }

    /** True when {@code other} is the quarter right after this one. */
    public boolean isFollowedBy(YearQuarter other) {
        return next().equals(other);
    }

    @Override
    public int compareTo(YearQuarter o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(quarter, o.quarter);
    }

    @Override
    public String toString() {
        return year + "-Q" + quarter;
    }
}
