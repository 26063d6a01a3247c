package com.careerledger.domain.quarter;

/** The seeds' core dimensions of a level: what a goal or a piece of evidence is about. */
public enum Dimension {
    SCOPE,
    CRAFT,
    COLLABORATION,
    OWNERSHIP,
    MENTORSHIP,
    IMPACT
}
