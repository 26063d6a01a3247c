package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.shared.YearQuarter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A person's sustained-performance record: the latest assessed outcome of each quarter (oldest first), and
 * the last quarter already used by a promotion ({@code countFrom}), after which the streak starts afresh.
 * Immutable; the Person aggregate and the read models evolve it through the same methods, so they cannot
 * disagree about what counts.
 */
public record SustainedRecord(List<QuarterOutcome> outcomes, YearQuarter countFrom) {

    public static final SustainedRecord EMPTY = new SustainedRecord(List.of(), null);

    public SustainedRecord {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** An assessment (or an amendment of one) for a quarter: it replaces any earlier outcome of that quarter. */
    public SustainedRecord with(QuarterOutcome outcome) {
        List<QuarterOutcome> next = new ArrayList<>(outcomes.stream()
                .filter(o -> !o.quarter().equals(outcome.quarter())).toList());
        next.add(outcome);
        next.sort(Comparator.comparing(QuarterOutcome::quarter));
        return new SustainedRecord(next, countFrom);
    }

    /** A quarter whose assessment was reopened leaves the record until it is assessed again. */
    public SustainedRecord without(YearQuarter quarter) {
        return outcome(quarter).isEmpty() ? this
                : new SustainedRecord(outcomes.stream().filter(o -> !o.quarter().equals(quarter)).toList(), countFrom);
    }

    /** The standing outcome of a quarter, if it has one. */
    public java.util.Optional<QuarterOutcome> outcome(YearQuarter quarter) {
        return outcomes.stream().filter(o -> o.quarter().equals(quarter)).findFirst();
    }

    /** After a promotion, nothing recorded so far counts toward the next one. */
    public SustainedRecord afterPromotion() {
        return outcomes.isEmpty() ? this : new SustainedRecord(outcomes, outcomes.get(outcomes.size() - 1).quarter());
    }

    /** After a track switch the record continues with its outcomes mapped to the new track. */
    public SustainedRecord carriedOver(List<QuarterOutcome> mapped) {
        return new SustainedRecord(List.copyOf(mapped), countFrom).sorted();
    }

    public SustainedPerformancePolicy.Evaluation evaluate(String targetLevel, CareerFramework framework) {
        return SustainedPerformancePolicy.evaluate(outcomes, countFrom, targetLevel,
                framework.policy().requiredQuarters(), framework);
    }

    public SustainedPerformancePolicy.ReadinessView readiness(String currentLevel, CareerFramework framework) {
        return SustainedPerformancePolicy.readiness(outcomes, countFrom, currentLevel,
                framework.policy().requiredQuarters(), framework);
    }


    private SustainedRecord sorted() {
        List<QuarterOutcome> next = new ArrayList<>(outcomes);
        next.sort(Comparator.comparing(QuarterOutcome::quarter));
        return new SustainedRecord(next, countFrom);
    }
}
