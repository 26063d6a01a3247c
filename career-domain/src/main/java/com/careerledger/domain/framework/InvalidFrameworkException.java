package com.careerledger.domain.framework;

import java.util.List;

/** A framework file that cannot be used; the message lists every problem found. */
public class InvalidFrameworkException extends RuntimeException {

    private final List<String> problems;

    public InvalidFrameworkException(String source, List<String> problems) {
        super("The career framework " + source + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
