package com.careerledger.domain.shared;

/**
 * A command whose content is malformed (blank name, unknown level code...), as opposed to one that is
 * well-formed but refused by a rule. The API answers it as a validation error.
 */
public class InvalidCommandException extends RuntimeException {

    private final String field;

    public InvalidCommandException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
