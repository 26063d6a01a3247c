package com.careerledger.domain.person;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.shared.YearQuarter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Levels are impact, not tenure: a person is promoted to a level once their latest {@code requiredQuarters}
 * assessed quarters are consecutive and each was assessed at that level or above. Time at level, time since
 * registration and the calendar play no part — they are not even inputs.
 * <p>
 * Quarters up to and including {@code countFrom} (the last quarter of the previous promotion's basis) do not
 * count again: after a promotion the streak starts afresh.
 */
public final class SustainedPerformancePolicy {

    public enum Readiness { READY, NOT_YET, TOP_OF_TRACK }

    /**
     * @param sustained whether the rule is met for the target
     * @param basis     the quarters examined (oldest first): the qualifying ones when sustained
     * @param streak    consecutive quarters at the target or above, ending with the latest counted quarter
     * @param reason    in words: what was found and what is missing
     */
    public record Evaluation(boolean sustained, List<QuarterOutcome> basis, int streak, String reason) {
    }

    public record ReadinessView(Readiness status, String nextLevel, int streak, String reason) {
    }

    private SustainedPerformancePolicy() {
    }

    public static Evaluation evaluate(Collection<QuarterOutcome> record, YearQuarter countFrom, String targetLevel,
                                      int requiredQuarters, CareerFramework framework) {
        List<QuarterOutcome> counted = counted(record, countFrom);
        int streak = streak(counted, targetLevel, framework);
        List<QuarterOutcome> examined = counted.subList(Math.max(0, counted.size() - requiredQuarters), counted.size());
        String needs = requiredQuarters + " consecutive assessed quarter" + (requiredQuarters == 1 ? "" : "s")
                + " at " + targetLevel + " or above";
        if (streak >= requiredQuarters) {
            return new Evaluation(true, List.copyOf(examined), streak,
                    "sustained: " + describe(examined) + " meet " + needs);
        }
        List<String> missing = new ArrayList<>();
        if (counted.size() < requiredQuarters) {
            missing.add((counted.isEmpty() ? "no" : "only " + counted.size()) + " assessed quarter"
                    + (counted.size() == 1 ? "" : "s") + (countFrom == null ? "" : " after " + countFrom));
        }
        for (int i = 0; i < examined.size(); i++) {
            QuarterOutcome o = examined.get(i);
            if (!framework.isAtOrAbove(o.operatingLevel().code(), targetLevel)) {
                missing.add(o.quarter() + " was assessed at " + o.operatingLevel() + ", below " + targetLevel);
            }
            if (i > 0 && !examined.get(i - 1).quarter().isFollowedBy(o.quarter())) {
                missing.add(examined.get(i - 1).quarter() + " and " + o.quarter() + " are not consecutive");
            }
        }
        return new Evaluation(false, List.copyOf(examined), streak,
                "needs " + needs + "; found " + (examined.isEmpty() ? "none" : describe(examined))
                        + "; missing: " + String.join(", ", missing));
    }

    /** Where a person at {@code currentLevel} stands toward the next level up on their track. */
    public static ReadinessView readiness(Collection<QuarterOutcome> record, YearQuarter countFrom, String currentLevel,
                                          int requiredQuarters, CareerFramework framework) {
        Optional<Level> next = framework.nextLevel(currentLevel);
        if (next.isEmpty()) {
            return new ReadinessView(Readiness.TOP_OF_TRACK, null, 0,
                    currentLevel + " is the top of its track; a further move is a track switch, not a promotion");
        }
        Evaluation e = evaluate(record, countFrom, next.get().code(), requiredQuarters, framework);
        return new ReadinessView(e.sustained() ? Readiness.READY : Readiness.NOT_YET, next.get().code(), e.streak(),
                e.reason());
    }

    /** The quarters that count, oldest first. */
    static List<QuarterOutcome> counted(Collection<QuarterOutcome> record, YearQuarter countFrom) {
        return record.stream()
                .filter(o -> countFrom == null || o.quarter().compareTo(countFrom) > 0)
                .sorted(Comparator.comparing(QuarterOutcome::quarter))
                .toList();
    }

    private static int streak(List<QuarterOutcome> counted, String targetLevel, CareerFramework framework) {
        int streak = 0;
        for (int i = counted.size() - 1; i >= 0; i--) {
            QuarterOutcome o = counted.get(i);
            if (!framework.isAtOrAbove(o.operatingLevel().code(), targetLevel)) {
                break;
            }
            if (streak > 0 && !o.quarter().isFollowedBy(counted.get(i + 1).quarter())) {
                break;
            }
            streak++;
        }
        return streak;
    }

    private static String describe(List<QuarterOutcome> outcomes) {
        return String.join(", ", outcomes.stream().map(o -> o.quarter() + " at " + o.operatingLevel()).toList());
    }
}
