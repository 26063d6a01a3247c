package com.careerledger.projections.timeline;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.Level;
import com.careerledger.domain.person.BasisChange;
import com.careerledger.domain.person.DecisionBasisChanged;
import com.careerledger.domain.person.LevelChanged;
import com.careerledger.domain.person.ManagerAssigned;
import com.careerledger.domain.person.PersonRegistered;
import com.careerledger.domain.person.QuarterOutcome;
import com.careerledger.domain.person.QuarterOutcomeRecorded;
import com.careerledger.domain.person.QuarterOutcomeWithdrawn;
import com.careerledger.domain.person.TrackSwitched;
import com.careerledger.domain.quarter.EvidenceLogged;
import com.careerledger.domain.quarter.EvidenceRetracted;
import com.careerledger.domain.quarter.FeedbackRecorded;
import com.careerledger.domain.quarter.GoalDropped;
import com.careerledger.domain.quarter.GoalProgressed;
import com.careerledger.domain.quarter.GoalRevised;
import com.careerledger.domain.quarter.GoalSet;
import com.careerledger.domain.quarter.QuarterAssessed;
import com.careerledger.domain.quarter.QuarterMovedToTrack;
import com.careerledger.domain.quarter.QuarterOpened;
import com.careerledger.domain.quarter.QuarterReopened;
import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;
import com.careerledger.projections.timeline.TimelineLookups.Known;

import java.util.List;
import java.util.Locale;

/**
 * The timeline's sentences: each event in words a person reads. Levels are named with their titles from the
 * framework in the person's discipline; what a sentence needs beyond its event (that discipline, a goal's latest
 * title, …) comes {@link Known} from the lookups of the batch.
 */
final class TimelineSummaries {

    /** Free text (feedback, reasons) is quoted in a summary up to this length. */
    private static final int QUOTE_LIMIT = 200;

    private final CareerFramework framework;

    TimelineSummaries(CareerFramework framework) {
        this.framework = framework;
    }

    // --- person events ---------------------------------------------------------------------------------

    String of(PersonRegistered e) {
        return "Joined the ladder at " + level(e.level(), e.discipline()) + " on the " + track(e.track()) + " track"
                + (e.managerId() == null ? "" : ", with a manager");
    }

    String of(ManagerAssigned e) {
        return e.previousManagerId() == null ? "Got a manager" : "Changed manager";
    }

    /**
     * levelHeld is the level held in that quarter (events stored before 2026-11 carry the level held when the
     * outcome was recorded); a quarter assessed on the other track reads "IC4 (mapped to M2)".
     */
    String of(QuarterOutcomeRecorded e, Known known) {
        Discipline d = known.discipline();
        String counted = e.mappedFrom() == null ? level(e.operatingLevel(), d) : e.outcome().describe();
        return "Quarter " + e.quarter() + " joined the sustained record at " + counted
                + (e.levelHeld() == null ? "" : ", holding " + level(e.levelHeld(), d));
    }

    String of(QuarterOutcomeWithdrawn e) {
        return "Quarter " + e.quarter() + " left the sustained record: its assessment was reopened";
    }

    /** A quarter an earlier promotion cites changed: the promotion stays, and the sentence says whether it holds. */
    String of(DecisionBasisChanged e, Known known) {
        Discipline d = known.discipline();
        String decision = known.decisionTo() == null ? "An earlier promotion"
                : "The promotion to " + level(known.decisionTo(), d);
        String what = e.change() == BasisChange.WITHDRAWN || e.operatingLevel() == null
                ? "whose assessment was reopened"
                : "which was reassessed at " + level(e.operatingLevel(), d);
        return decision + " rests on " + e.quarter() + ", " + what + "; the decision "
                + (e.stillHolds() ? "still holds" : "would no longer hold");
    }

    String of(LevelChanged e, Known known) {
        Discipline d = known.discipline();
        List<QuarterOutcome> basis = e.basis() == null ? List.of() : e.basis();
        String fromTo = " from " + level(e.fromLevel(), d) + " to " + level(e.toLevel(), d);
        return switch (e.kind()) {
            case PROMOTION -> e.override() != null
                    ? "Promoted" + fromTo + " by override: " + quote(e.override().justification())
                    : "Promoted" + fromTo + " on " + basis.size() + " consecutive quarter" + (basis.size() == 1 ? "" : "s")
                    + " at " + e.toLevel() + " or above";
            case DEMOTION -> "Level corrected down" + fromTo + ": " + quote(e.rationale());
            default -> "Level corrected" + fromTo + ": " + quote(e.rationale());
        };
    }

    /**
     * A track switch in words that say which level it landed on and why that one: the only equivalent, the level
     * held on that track before (a round trip), or one of several equivalents — then also what was held there
     * before, when it was another one (a round trip that cost a level, as switches stored before 2026-11 could).
     */
    String of(TrackSwitched e, Known known) {
        Discipline d = known.discipline();
        String held = known.lastHeld();
        List<String> equivalents = framework.equivalents(e.fromLevel().code(), e.toTrack()).stream().map(Level::code).toList();
        boolean back = e.toLevel().code().equals(held);
        String landed;
        if (back) {
            landed = ", the level held there before (not a promotion)";
        } else if (equivalents.equals(List.of(e.toLevel().code()))) {
            landed = ", the equivalent level (not a promotion)";
        } else if (equivalents.contains(e.toLevel().code())) {
            landed = ", one of the levels equivalent to " + e.fromLevel() + " (" + String.join(" and ", equivalents) + ")"
                    + (held == null ? "" : ", not " + level(held, d) + " held there before")
                    + " (not a promotion)";
        } else {
            landed = ", a level the framework does not list as equivalent to " + e.fromLevel() + " (not a promotion)";
        }
        return "Switched from the " + track(e.fromTrack()) + " track at " + level(e.fromLevel(), d)
                + (back ? " back" : "") + " to the " + track(e.toTrack()) + " track at " + level(e.toLevel(), d) + landed;
    }

    // --- quarter events --------------------------------------------------------------------------------

    String of(QuarterMovedToTrack e, Known known) {
        Discipline d = known.discipline();
        return "Quarter " + e.quarter() + " moved to the " + track(e.toTrack()) + " track: now held at "
                + level(e.levelHeld(), d) + aiming(e.targetLevel(), d);
    }

    String of(QuarterOpened e, Known known) {
        Discipline d = known.discipline();
        return "Quarter " + e.quarter() + " opened at " + level(e.levelHeld(), d) + aiming(e.targetLevel(), d);
    }

    String of(GoalSet e) {
        return "Set a goal for " + e.quarter() + ": " + e.title() + " (" + e.dimension().name()
                + (e.targetLevel() == null ? "" : ", aims at " + e.targetLevel()) + ")";
    }

    String of(GoalRevised e, Known known) {
        String before = known.goalTitle();
        return "Revised a goal for " + e.quarter() + ": " + (before.equals(e.title()) ? "" : before + " is now ")
                + e.title() + " (" + e.dimension().name() + ")";
    }

    String of(GoalDropped e, Known known) {
        return "Dropped the goal " + known.goalTitle() + " in " + e.quarter() + ": " + quote(e.reason());
    }

    String of(GoalProgressed e, Known known) {
        return "Progress on " + known.goalTitle() + " (" + e.quarter() + "): "
                + e.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (e.note() == null || e.note().isBlank() ? "" : " — " + quote(e.note()));
    }

    String of(EvidenceLogged e) {
        return "Logged evidence: " + e.title() + " (" + e.dimension().name() + ", shows " + e.demonstratesLevel() + ")";
    }

    String of(EvidenceRetracted e, Known known) {
        return "Retracted evidence: " + known.evidenceTitle() + " (" + quote(e.reason()) + ")";
    }

    String of(FeedbackRecorded e) {
        String from = switch (e.relationship()) {
            case MANAGER -> "Manager";
            case PEER -> "Peer";
            case REPORT -> "Report";
            case SELF -> "Self";
        };
        return from + " feedback in " + e.quarter() + ": \"" + quote(e.text()) + "\""
                + (e.signalsLevel() == null ? "" : " (suggests " + e.signalsLevel() + ")");
    }

    String of(QuarterAssessed e) {
        String standing;
        if (e.operatingLevel().equals(e.targetLevel())) {
            standing = "the next level";
        } else if (e.atNextLevel()) {
            standing = "above the next level";
        } else if (e.operatingLevel().equals(e.levelHeld())) {
            standing = "the level held";
        } else if (framework.isAtOrAbove(LevelCode.codeOf(e.operatingLevel()), LevelCode.codeOf(e.levelHeld()))) {
            standing = "above the level held";
        } else {
            standing = "below the level held, " + e.levelHeld();
        }
        boolean amends = e.amendsAssessmentId() != null;
        return "Quarter " + e.quarter() + (amends ? " re-assessed at " : " assessed at ") + e.operatingLevel()
                + " (" + standing + ")" + (amends ? ", amending the earlier assessment" : "");
    }

    String of(QuarterReopened e) {
        return "Quarter " + e.quarter() + " reopened to reconsider its assessment: " + quote(e.reason());
    }

    // --- words -----------------------------------------------------------------------------------------

    private String aiming(LevelCode targetLevel, Discipline d) {
        return targetLevel == null ? ", the top of the track" : ", aiming at " + level(targetLevel, d);
    }

    /** {@code IC3 (Senior Engineer)}: the code, with the title in the person's discipline when it is known. */
    private String level(LevelCode level, Discipline discipline) {
        return level(LevelCode.codeOf(level), discipline);
    }

    private String level(String code, Discipline discipline) {
        if (code == null) {
            return "an unknown level";
        }
        String title = discipline == null ? null : framework.level(code).map(l -> l.title(discipline)).orElse(null);
        return title == null || title.isBlank() ? code : code + " (" + title + ")";
    }

    private String track(Track track) {
        return framework.tracks().stream().filter(t -> t.code() == track).findFirst()
                .map(t -> t.name() == null ? track.name() : t.name().toLowerCase(Locale.ROOT))
                .orElse(track.name());
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        return t.length() <= QUOTE_LIMIT ? t : t.substring(0, QUOTE_LIMIT - 1).stripTrailing() + "…";
    }
}
