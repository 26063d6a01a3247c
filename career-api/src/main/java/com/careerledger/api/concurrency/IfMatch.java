package com.careerledger.api.concurrency;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.lang.NonNull;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code If-Match} on writes into the {@link ExpectedVersion} request attribute, where {@code Commands}
 * picks it up for the command it sends. {@code *} (or no header) accepts any version; one strong entity tag as
 * a {@code GET} returned it, e.g. {@code "3"}, demands that version; anything else is a 400 before the
 * controller runs. Reads ignore the header.
 */
public class IfMatch implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"");
    static final String EXPECTED_FORMAT = "must be * or one ETag as a GET returned it, e.g. \"3\"";

    @Override
    public boolean preHandle(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                             @NonNull Object handler) {
        if (WRITES.contains(request.getMethod())) {
            List<String> values = Collections.list(request.getHeaders(HttpHeaders.IF_MATCH));
            if (!values.isEmpty()) {
                parse(values).ifPresent(version ->
                        request.setAttribute(ExpectedVersion.REQUEST_ATTRIBUTE, version));
            }
        }
        return true;
    }

    /** The version demanded, or empty for {@code *}; a malformed header is a {@link MalformedPreconditionException}. */
    static OptionalLong parse(List<String> headerValues) {
        List<String> tags = new ArrayList<>();
        for (String value : headerValues) {
            for (String tag : value.split(",", -1)) {
                tags.add(tag.strip());
            }
        }
        if (tags.size() != 1) {
            throw malformed(EXPECTED_FORMAT + "; a write applies to one version, so name exactly one");
        }
        String tag = tags.get(0);
        if ("*".equals(tag)) {
            return OptionalLong.empty();
        }
        if (tag.startsWith("W/")) {
            throw malformed(EXPECTED_FORMAT + "; a weak ETag never matches");
        }
        Matcher matcher = STRONG_VERSION_TAG.matcher(tag);
        if (!matcher.matches()) {
            throw malformed(EXPECTED_FORMAT);
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }

    private static MalformedPreconditionException malformed(String message) {
        return new MalformedPreconditionException(HttpHeaders.IF_MATCH, message);
    }
}
