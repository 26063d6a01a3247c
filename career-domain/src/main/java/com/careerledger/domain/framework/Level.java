package com.careerledger.domain.framework;

import com.careerledger.domain.shared.Discipline;
import com.careerledger.domain.shared.Track;

import java.util.List;
import java.util.Map;

/** One rung of a track, with what it means in words a person reads. */
public record Level(
        String code,
        Track track,
        int order,
        Map<Discipline, String> titles,
        String coreQuestion,
        String primaryFocus,
        String summary,
        Scope scope,
        String collaboration,
        String mentorship,
        String ownership,
        List<String> whatYouDo,
        List<String> successLooksLike,
        List<String> pathToNext,
        String exampleGoal) {

    /**
     * The shape of a level code ({@code IC3}, {@code M1}): what a request may name before the framework says whether
     * the level exists. Written once, for every request that names a level.
     */
    public static final String CODE_PATTERN = "^[A-Z][A-Z0-9]{0,15}$";

    /** What a request is told when a level is not shaped like a code. */
    public static final String CODE_MESSAGE = "must be a level code such as IC3 or M1";


    public String title(Discipline discipline) {
        return titles.get(discipline);
    }
}
