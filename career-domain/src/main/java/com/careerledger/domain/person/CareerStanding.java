package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.shared.Track;

/**
 * Where a person's own events leave them on the ladder: track, level and sustained record. This is the one fold
 * of those events: the Person aggregate, the read models and the point-in-time history all evolve it through
 * {@link #evolve}, so they cannot disagree about what an event does to a career, and readiness is always
 * {@link #readiness} of it under the framework in force.
 * <p>
 * Events that do not change the standing (a manager assigned, a basis changed) leave it as it is.
 */
public record CareerStanding(Track track, String level, SustainedRecord record) {

    public CareerStanding {
        record = record == null ? SustainedRecord.EMPTY : record;
    }

    /** Where a registration puts someone: their track and level, and no record yet. */
    public static CareerStanding registered(PersonRegistered event) {
        return new CareerStanding(event.track(), event.level().code(), SustainedRecord.EMPTY);
    }

    /** The standing after one of the person's events. */
    public CareerStanding evolve(Object event) {
        if (event instanceof QuarterOutcomeRecorded e) {
            return new CareerStanding(track, level, record.with(e.outcome()));
        }
        if (event instanceof QuarterOutcomeWithdrawn e) {
            // a reopened quarter leaves the record until it is assessed again
            return new CareerStanding(track, level, record.without(e.quarter()));
        }
        if (event instanceof LevelChanged e) {
            // after a promotion the streak restarts: what earned it does not count toward the next one
            return new CareerStanding(track, e.toLevel().code(),
                    e.kind() == DecisionKind.PROMOTION ? record.afterPromotion() : record);
        }
        if (event instanceof TrackSwitched e) {
            // a role change: the record comes along, mapped to the new track
            return new CareerStanding(e.toTrack(), e.toLevel().code(), record.carriedOver(e.carriedOver()));
        }
        return this;
    }

    /** Readiness for the next level under this framework: from the record, never from time at level. */
    public SustainedPerformancePolicy.ReadinessView readiness(CareerFramework framework) {
        return record.readiness(level, framework);
    }
}
