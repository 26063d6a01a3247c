package com.careerledger.domain.quarter;

/** Where a goal stands at a 1:1 (the seeds' biweekly check-ins). */
public enum GoalStatus {
    ON_TRACK,
    AT_RISK,
    OFF_TRACK,
    DONE
}
