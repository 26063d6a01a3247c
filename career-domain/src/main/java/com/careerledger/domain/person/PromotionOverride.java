package com.careerledger.domain.person;

/** A promotion decided against the sustained-performance rule, and the written reason why. */
public record PromotionOverride(String justification) {
}
