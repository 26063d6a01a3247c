package com.careerledger.domain.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar quarter, written {@code YYYY-Qn} (e.g. {@code 2026-Q3}), the unit of goals and assessments. */
public record YearQuarter(int year, int quarter) implements Comparable<YearQuarter> {

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

    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text.strip()).matches();
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
