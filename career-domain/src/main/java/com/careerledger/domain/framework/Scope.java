package com.careerledger.domain.framework;

/** What a person at a level is given, and what they are expected to figure out themselves. */
public record Scope(String given, String figureOut) {
}
