package com.careerledger.domain.framework;

/** One row of the IC-vs-manager table: the two levels are of roughly the same seniority. */
public record Equivalence(String ic, String manager) {
}
