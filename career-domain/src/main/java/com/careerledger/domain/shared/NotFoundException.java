package com.careerledger.domain.shared;

/** A command names something that does not exist (a manager, a goal, a piece of evidence). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
