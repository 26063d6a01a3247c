package com.careerledger.domain.quarter;

/** Who the feedback comes from, relative to the person it is about. */
public enum FeedbackRelationship {
    MANAGER,
    PEER,
    REPORT,
    SELF
}
