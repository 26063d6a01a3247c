package com.careerledger.domain.framework;

/** Which framework was in force for a decision: recorded in every decision event. */
public record FrameworkRef(String id, int version, String hash) {
}
