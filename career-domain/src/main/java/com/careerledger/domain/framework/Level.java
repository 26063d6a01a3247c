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

    public String title(Discipline discipline) {
        return titles.get(discipline);
    }
}
