package com.careerledger.domain.shared;

/** Titles differ per discipline; expectations per level do not. */
public enum Discipline {
    ENGINEERING,
    PRODUCT
}
