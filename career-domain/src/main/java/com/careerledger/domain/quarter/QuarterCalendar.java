package com.careerledger.domain.quarter;

import com.careerledger.domain.shared.YearQuarter;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Quarters in time: when a quarter may be opened, assessed, and which dates its evidence may carry. Time is read
 * from the one clock every rule and every event timestamp uses, Axon's event clock ({@link GenericEventMessage#clock}):
 * the application sets it once at start-up (millisecond precision, so a decision's {@code decidedAt} and its event's
 * timestamp are the same instant), and fixture tests set "today" with {@code givenCurrentTime}.
 *
 * @param assessmentWindow how long before its end a quarter may already be assessed (its closing weeks)
 * @param evidenceGrace    how many days after a quarter's last day its evidence may still be dated (late wins
 *                         noticed in the first days of the next quarter); zero by default
 * @param earliestQuarter  the ledger's first quarter: history is imported back to it, and no earlier quarter may be
 *                         opened (a record of 1900 is no one's career); {@code 2000-Q1} by default
 */
public record QuarterCalendar(Duration assessmentWindow, int evidenceGrace, YearQuarter earliestQuarter) {

    /** The ledger's first quarter unless configured otherwise. */
    public static final YearQuarter DEFAULT_EARLIEST_QUARTER = new YearQuarter(2000, 1);

    /** Two closing weeks, no grace, quarters from 2000-Q1 on: what the application uses unless configured otherwise. */
    public static final QuarterCalendar DEFAULT = new QuarterCalendar(Duration.ofDays(14), 0);

    public QuarterCalendar {
        if (assessmentWindow == null || assessmentWindow.isNegative()) {
            throw new IllegalArgumentException("assessmentWindow must be zero or positive");
        }
        if (evidenceGrace < 0) {
            throw new IllegalArgumentException("evidenceGrace must be zero or positive");
        }
        if (earliestQuarter == null) {
            throw new IllegalArgumentException("earliestQuarter is required");
        }
    }

    /** A calendar whose ledger starts at {@link #DEFAULT_EARLIEST_QUARTER}. */
    public QuarterCalendar(Duration assessmentWindow, int evidenceGrace) {
        this(assessmentWindow, evidenceGrace, DEFAULT_EARLIEST_QUARTER);
    }

    public Instant now() {
        return GenericEventMessage.clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    public YearQuarter currentQuarter() {
        return YearQuarter.of(now());
    }

    /** The current quarter and the next may be opened (goals are set ahead); anything later has not come yet. */
    public boolean mayOpen(YearQuarter quarter) {
        return quarter.compareTo(currentQuarter().next()) <= 0;
    }

    /** True for a quarter earlier than the ledger's first, which cannot be opened (however far back history goes). */
    public boolean isBeforeLedger(YearQuarter quarter) {
        return quarter.compareTo(earliestQuarter) < 0;
    }

    /** From when a quarter may be assessed: the start of its closing weeks. */
    public Instant assessableFrom(YearQuarter quarter) {
        Instant from = quarter.end().minus(assessmentWindow);
        return from.isBefore(quarter.start()) ? quarter.start() : from;
    }

    /** The last day a piece of evidence of this quarter may be dated. */
    public LocalDate lastEvidenceDay(YearQuarter quarter) {
        return quarter.lastDay().plusDays(evidenceGrace);
    }

    /** The instant whose standing (track and level) a quarter is held at: its end, or now while it is running. */
    public Instant heldAt(YearQuarter quarter) {
        Instant now = now();
        return quarter.end().isAfter(now) ? now : quarter.end().minusMillis(1);
    }
}
