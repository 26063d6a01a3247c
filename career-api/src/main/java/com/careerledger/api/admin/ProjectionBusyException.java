package com.careerledger.api.admin;

/**
 * A rebuild that cannot start now: another instance holds the claim on the projection's event processor. An
 * operational condition, not a rule: it passes when that instance stops or its claim expires.
 */
public class ProjectionBusyException extends RuntimeException {

    public ProjectionBusyException(String message) {
        super(message);
    }
}
