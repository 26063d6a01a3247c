package com.careerledger.domain.shared;

import java.util.regex.Pattern;

/** Guards for text fields of commands; the API validates first, these keep the aggregates honest. */
public final class Texts {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Texts() {
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, field + " must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidCommandException(field, field + " must be at most " + maxLength + " characters");
        }
        return stripped;
    }

    public static String optional(String field, String value, int maxLength) {
        return value == null || value.isBlank() ? null : required(field, value, maxLength);
    }

    public static String email(String field, String value) {
        String email = required(field, value, 320);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidCommandException(field, field + " is not an e-mail address");
        }
        return email;
    }
}
