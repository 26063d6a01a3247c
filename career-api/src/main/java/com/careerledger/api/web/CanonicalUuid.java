package com.careerledger.api.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A UUID as the API takes it, in a path, a query or a body: the canonical 36 characters (8-4-4-4-12 hex digits,
 * either case). {@link UUID#fromString} alone is lenient: it reads {@code 1-2-3-4-5} or a 35-character id as
 * some other UUID, so a malformed id would name a person who does not exist instead of being refused.
 */
public final class CanonicalUuid {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private CanonicalUuid() {
    }

    /** The UUID, or empty when the text is not one in canonical form. */
    public static Optional<UUID> parse(String text) {
        return text != null && CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }
}
