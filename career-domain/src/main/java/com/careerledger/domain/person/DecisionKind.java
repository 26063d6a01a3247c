package com.careerledger.domain.person;

/** Why a person's level or track changed. Only PROMOTION needs sustained evidence. */
public enum DecisionKind {
    PROMOTION,
    CORRECTION,
    DEMOTION,
    TRACK_SWITCH
}
