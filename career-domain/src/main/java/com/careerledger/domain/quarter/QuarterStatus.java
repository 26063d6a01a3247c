package com.careerledger.domain.quarter;

/** A quarter is worked on while open; an assessment closes it, and only a reopening opens it again. */
public enum QuarterStatus {
    OPEN,
    ASSESSED
}
