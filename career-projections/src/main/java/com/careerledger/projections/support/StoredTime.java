package com.careerledger.projections.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * An instant as a {@code timestamptz} column keeps it once PgJDBC has sent it: to the microsecond, rounded half up
 * (the driver's {@code TimestampUtils}). A read model that orders or compares what it holds in memory during a
 * batch with what is stored uses this, so both agree ({@code EvidenceOrderTest} checks it against the database).
 */
public final class StoredTime {

    private StoredTime() {
    }

    public static Instant asStored(Instant at) {
        Instant rounded = at.getNano() % 1_000 > 499 ? at.plusNanos(1_000) : at;
        return rounded.truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime asStored(OffsetDateTime at) {
        OffsetDateTime rounded = at.getNano() % 1_000 > 499 ? at.plusNanos(1_000) : at;
        return rounded.truncatedTo(ChronoUnit.MICROS);
    }

    /** The stored instant in microseconds since the epoch. */
    public static long micros(Instant at) {
        Instant stored = asStored(at);
        return Math.addExact(Math.multiplyExact(stored.getEpochSecond(), 1_000_000L), stored.getNano() / 1_000);
    }
}
