package com.careerledger.api.concurrency;

import org.axonframework.messaging.MetaData;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The aggregate version a write was made against: the request's {@code If-Match}, parsed at the edge into a
 * request attribute ({@link IfMatch}), carried by support/Commands into the command's metadata, and checked by
 * Axon's repository when it loads the target aggregate (see config/ExpectedVersionTargetResolver). It is not
 * correlation data: it never reaches the events, nor the commands those events cause.
 */
public final class ExpectedVersion {

    /** The command metadata key. */
    public static final String METADATA_KEY = "expectedVersion";

    /** The request attribute holding the expected version as a {@code Long}; absent for no or {@code *} If-Match. */
    public static final String REQUEST_ATTRIBUTE = ExpectedVersion.class.getName();

    private ExpectedVersion() {
    }

    /** The version the current HTTP request expects its target to be at, or null when it accepts any. */
    public static Long ofCurrentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return null;
        }
        return attributes.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof Long version
                ? version : null;
    }

    /** The version a command expects, or null. Tolerates a number of another type or text (a serialized message). */
    public static Long of(MetaData metaData) {
        Object value = metaData.get(METADATA_KEY);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the expected version in the command's metadata is not a number");
        }
    }
}
