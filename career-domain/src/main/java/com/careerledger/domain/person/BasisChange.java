package com.careerledger.domain.person;

/** What happened to a quarter that a decision cites. */
public enum BasisChange {
    /** the quarter was reopened: its assessment no longer stands */
    WITHDRAWN,
    /** the quarter was assessed again, at the level now recorded */
    REASSESSED
}
