package com.careerledger.domain.framework;

import com.careerledger.domain.shared.InvalidCommandException;

import java.util.regex.Pattern;

/**
 * A level as a command names it ({@code IC3}, {@code M1}): text shaped like a level code ({@link Level#CODE_PATTERN}),
 * checked once, here. Whether the framework has such a level is the aggregate's question, not this one's.
 *
 * @param code the code as written, e.g. {@code IC3}
 */
public record LevelCode(String code) {

    private static final Pattern SHAPE = Pattern.compile(Level.CODE_PATTERN);

    public LevelCode {
        require("level", code);
    }

    /**
     * The code a request names in {@code field}; refused as that field's, with the words a request is told, when
     * the text is missing or not shaped like a code.
     */
    public static LevelCode of(String field, String text) {
        return new LevelCode(require(field, text));
    }

    /** As {@link #of}, for a field that may be left out: absent (or blank) text is no level, {@code null}. */
    public static LevelCode optional(String field, String text) {
        return text == null || text.isBlank() ? null : of(field, text.strip());
    }

    /** The code, or {@code null} for no level: how an event's level field is written from an optional one. */
    public static String codeOf(LevelCode level) {
        return level == null ? null : level.code();
    }

    /** A stored code as the value, {@code null} for no level: how an event's optional level field is made. */
    public static LevelCode orNull(String code) {
        return code == null ? null : new LevelCode(code);
    }

    private static String require(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCommandException(field, field + " is required");
        }
        if (!SHAPE.matcher(text).matches()) {
            throw new InvalidCommandException(field, Level.CODE_MESSAGE);
        }
        return text;
    }

    @Override
    public String toString() {
        return code;
    }
}
