package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;

import java.util.UUID;

/**
 * How a person's Quarter aggregate is identified: {@code personId/YYYY-Qn}. Written and read here only. A person's
 * quarters carry the person's id as a prefix, so the events of a person and of all their quarters are found
 * together ({@link #quartersOf}) and handled in one order ({@link #personOf}, the read models' sequencing).
 */
public final class QuarterId {

    private static final char SEPARATOR = '/';

    private QuarterId() {
    }

    /** The id of the person's quarter, the quarter written as events write it ({@code YYYY-Qn}). */
    public static String of(UUID personId, String quarter) {
        return personId.toString() + SEPARATOR + quarter;
    }

    /** The id of the person's quarter. */
    public static String of(UUID personId, YearQuarter quarter) {
        return of(personId, quarter.toString());
    }

    /** The same shape for a malformed command's parts, as they came: an id no quarter has. */
    static String unchecked(UUID personId, String quarter) {
        return String.valueOf(personId) + SEPARATOR + quarter;
    }

    /** The person an aggregate belongs to: a Person is identified by the person's id, a Quarter's id starts with it. */
    public static String personOf(String aggregateIdentifier) {
        int separator = aggregateIdentifier.indexOf(SEPARATOR);
        return separator < 0 ? aggregateIdentifier : aggregateIdentifier.substring(0, separator);
    }

    /** A SQL {@code LIKE} pattern matching the id of every quarter of the person. */
    public static String quartersOf(UUID personId) {
        return personId.toString() + SEPARATOR + "%";
    }
}
