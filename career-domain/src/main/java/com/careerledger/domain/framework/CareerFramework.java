package com.careerledger.domain.framework;

import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.InvalidCommandException;
import com.careerledger.domain.shared.Track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The career ladder in force. Immutable; build it from data with {@link #validated(String)}, which refuses
 * anything a decision could trip over (duplicate codes, a track without levels, an equivalence naming an
 * unknown level...).
 *
 * @param hash SHA-256 of the file's bytes, set by whoever loaded it ({@link #withHash(String)})
 */
public record CareerFramework(
        String id,
        int version,
        String name,
        String description,
        PromotionPolicy policy,
        List<TrackDefinition> tracks,
        List<Discipline> disciplines,
        List<Level> levels,
        List<Equivalence> equivalences,
        String hash) {

    public CareerFramework {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
        disciplines = disciplines == null ? List.of() : List.copyOf(disciplines);
        levels = levels == null ? List.of() : List.copyOf(levels);
        equivalences = equivalences == null ? List.of() : List.copyOf(equivalences);
    }

    public CareerFramework withHash(String contentHash) {
        return new CareerFramework(id, version, name, description, policy, tracks, disciplines, levels, equivalences, contentHash);
    }

    public FrameworkRef ref() {
        return new FrameworkRef(id, version, hash);
    }

    public Optional<Level> level(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return levels.stream().filter(l -> l.code().equals(code)).findFirst();
    }

    /** The level a command names, when the framework has it. */
    public Optional<Level> level(LevelCode code) {
        return code == null ? Optional.empty() : level(code.code());
    }

    /**
     * The level a command names in {@code field}: a code no rung of the ladder carries proves nothing, so it is
     * refused as that field's, as is a missing one.
     */
    public Level named(String field, LevelCode code) {
        return level(code).orElseThrow(() -> new InvalidCommandException(field,
                code == null ? field + " is required" : "unknown level " + code));
    }

    public boolean belongsTo(String levelCode, Track track) {
        return level(levelCode).map(l -> l.track() == track).orElse(false);
    }

    /** The level one step above, on the same track; empty at the top of a track. */
    public Optional<Level> nextLevel(String code) {
        return level(code).flatMap(current -> levels.stream()
                .filter(l -> l.track() == current.track() && l.order() == current.order() + 1)
                .findFirst());
    }

    /** True when {@code candidate} is on the same track as {@code reference} and not below it. */
    public boolean isAtOrAbove(String candidate, String reference) {
        Optional<Level> c = level(candidate);
        Optional<Level> r = level(reference);
        return c.isPresent() && r.isPresent()
                && c.get().track() == r.get().track()
                && c.get().order() >= r.get().order();
    }

    /**
     * The level on {@code targetTrack} of the same seniority as {@code code}, per the equivalence table. Where a
     * manager level has several IC equivalents (M3 ~ Staff and Principal) the first listed wins.
     */
    public Optional<Level> equivalent(String code, Track targetTrack) {
        Optional<Level> from = level(code);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().track() == targetTrack) {
            return from;
        }
        return equivalences.stream()
                .filter(e -> targetTrack == Track.MANAGER ? e.ic().equals(code) : e.manager().equals(code))
                .map(e -> targetTrack == Track.MANAGER ? e.manager() : e.ic())
                .findFirst()
                .flatMap(this::level);
    }

    /**
     * Every level on {@code targetTrack} of the same seniority as {@code code}: one for most rows of the table,
     * several where one manager level stands for several IC levels (M3 ~ Staff and Principal), none when the
     * table has no row for it. A level on {@code targetTrack} already is its own only equivalent.
     */
    public List<Level> equivalents(String code, Track targetTrack) {
        Optional<Level> from = level(code);
        if (from.isEmpty()) {
            return List.of();
        }
        if (from.get().track() == targetTrack) {
            return List.of(from.get());
        }
        return equivalences.stream()
                .filter(e -> targetTrack == Track.MANAGER ? e.ic().equals(code) : e.manager().equals(code))
                .map(e -> targetTrack == Track.MANAGER ? e.manager() : e.ic())
                .distinct()
                .map(this::level)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * True when {@code candidate} is at {@code reference} or above, reading a level of the other track through the
     * equivalence table (evidence logged before a track switch still shows a level on the new one). A level with no
     * equivalent on the reference's track does not meet it.
     */
    public boolean meets(String candidate, String reference) {
        Optional<Level> r = level(reference);
        if (r.isEmpty()) {
            return false;
        }
        return equivalents(candidate, r.get().track()).stream().anyMatch(l -> isAtOrAbove(l.code(), reference));
    }

    public List<Level> levelsOf(Track track) {
        return levels.stream().filter(l -> l.track() == track).sorted(Comparator.comparingInt(Level::order)).toList();
    }

    /** Returns this framework if it is usable, or throws naming every problem. */
    public CareerFramework validated(String source) {
        List<String> problems = new ArrayList<>();
        if (id == null || id.isBlank()) {
            problems.add("'id' is missing");
        }
        if (version < 1) {
            problems.add("'version' must be a positive integer");
        }
        if (policy == null || policy.requiredQuarters() < 1) {
            problems.add("'policy.requiredQuarters' must be at least 1");
        }
        if (disciplines.isEmpty()) {
            problems.add("no disciplines are listed");
        }
        Set<Track> declaredTracks = new HashSet<>();
        for (TrackDefinition t : tracks) {
            if (t == null || t.code() == null) {
                problems.add("a track has no code");
            } else if (!declaredTracks.add(t.code())) {
                problems.add("track " + t.code() + " is listed twice");
            }
        }
        Map<String, Level> byCode = new HashMap<>();
        for (Level l : levels) {
            if (l == null || l.code() == null || l.code().isBlank()) {
                problems.add("a level has no code");
                continue;
            }
            if (byCode.putIfAbsent(l.code(), l) != null) {
                problems.add("duplicate level code " + l.code());
            }
            if (l.track() == null || !declaredTracks.contains(l.track())) {
                problems.add("level " + l.code() + " names an unknown track " + l.track());
            }
            if (blank(l.coreQuestion()) || blank(l.summary()) || l.scope() == null || blank(l.scope().given())
                    || blank(l.scope().figureOut()) || blank(l.collaboration()) || blank(l.mentorship())
                    || blank(l.ownership()) || blank(l.exampleGoal()) || empty(l.whatYouDo())
                    || empty(l.successLooksLike()) || empty(l.pathToNext())) {
                problems.add("level " + l.code() + " lacks part of its description (coreQuestion, summary, scope,"
                        + " collaboration, mentorship, ownership, whatYouDo, successLooksLike, pathToNext, exampleGoal)");
            }
            for (Discipline d : disciplines) {
                if (l.titles() == null || l.titles().get(d) == null || l.titles().get(d).isBlank()) {
                    problems.add("level " + l.code() + " has no " + d + " title");
                }
            }
        }
        for (Track t : declaredTracks) {
            List<Integer> orders = levels.stream()
                    .filter(l -> l != null && l.track() == t).map(Level::order).sorted().toList();
            if (orders.isEmpty()) {
                problems.add("track " + t + " has no levels");
                continue;
            }
            for (int i = 0; i < orders.size(); i++) {
                if (orders.get(i) != i) {
                    problems.add("levels of track " + t + " must be ordered 0.." + (orders.size() - 1)
                            + " without gaps or repeats, found " + orders);
                    break;
                }
            }
        }
        for (Equivalence e : equivalences) {
            Level ic = e == null ? null : byCode.get(e.ic());
            Level m = e == null ? null : byCode.get(e.manager());
            if (ic == null) {
                problems.add("equivalence names an unknown level " + (e == null ? null : e.ic()));
            } else if (ic.track() != Track.IC) {
                problems.add("equivalence: " + e.ic() + " is not an IC level");
            }
            if (m == null) {
                problems.add("equivalence names an unknown level " + (e == null ? null : e.manager()));
            } else if (m.track() != Track.MANAGER) {
                problems.add("equivalence: " + e.manager() + " is not a manager level");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFrameworkException(source, problems);
        }
        return this;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
