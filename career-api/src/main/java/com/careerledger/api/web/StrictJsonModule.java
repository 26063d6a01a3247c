package com.careerledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How request bodies are read: strictly. Registered on the HTTP {@code ObjectMapper} only (the event serializer has
 * its own), so it guards the edge and never what is already stored.
 * <ul>
 *   <li>A text field takes a JSON string and nothing else: {@code 123}, {@code true}, {@code {}} or {@code []} where
 *       text is expected are the wrong type, not text.</li>
 *   <li>Text never holds control characters other than tab, line feed and carriage return, nor half of a surrogate
 *       pair: PostgreSQL's jsonb cannot store {@code \u0000}, and the others have no business in a career record.</li>
 *   <li>A date is written {@code YYYY-MM-DD} with a four-digit year: no epoch days, arrays or signed years.</li>
 *   <li>A UUID is written in its canonical 36-character form; an empty or blank one is not "no id".</li>
 *   <li>An enum value is one of the constants exactly: Jackson would trim {@code " IC"} and even
 *       {@code "IC\u0000"} to {@code IC}; here they are unknown values.</li>
 * </ul>
 * Each refusal is a {@link MismatchedInputException} with the field's path, answered as a 400 naming the field.
 */
public class StrictJsonModule extends SimpleModule {

    public StrictJsonModule() {
        super("career-ledger-strict-json");
        addDeserializer(String.class, new StrictStringDeserializer());
        addDeserializer(LocalDate.class, new StrictLocalDateDeserializer());
        addDeserializer(UUID.class, new StrictUuidDeserializer());
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription description,
                                                              JsonDeserializer<?> deserializer) {
                return new StrictEnumDeserializer(deserializer);
            }
        });
    }

    /** A value that has the right JSON type but is refused; {@link #reason()} says why, in words for the client. */
    public static final class UnacceptableValueException extends MismatchedInputException {

        private final String reason;

        UnacceptableValueException(JsonParser parser, String reason, Class<?> targetType) {
            super(parser, reason, targetType);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The reason {@code text} is unacceptable, or null when it is fine. */
    public static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain unpaired surrogates";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain unpaired surrogates";
            }
        }
        return null;
    }

    static final class StrictStringDeserializer extends StdScalarDeserializer<String> {

        StrictStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            String problem = problemWith(text);
            if (problem != null) {
                throw new UnacceptableValueException(p, problem, String.class);
            }
            return text;
        }
    }

    static final class StrictUuidDeserializer extends StdScalarDeserializer<UUID> {

        StrictUuidDeserializer() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            return CanonicalUuid.parse(p.getText())
                    .orElseThrow(() -> new UnacceptableValueException(p, "must be a UUID", UUID.class));
        }
    }

    /** Refuses what Jackson's enum deserializer would trim into a constant, then lets it do the rest. */
    static final class StrictEnumDeserializer extends DelegatingDeserializer {

        StrictEnumDeserializer(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StrictEnumDeserializer(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = p.getText();
                if (text.isEmpty() || !text.equals(text.trim()) || !text.equals(text.strip())
                        || problemWith(text) != null) {
                    throw InvalidFormatException.from(p, "not one of the values accepted", text, handledType());
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    static final class StrictLocalDateDeserializer extends StdScalarDeserializer<LocalDate> {

        private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

        StrictLocalDateDeserializer() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            if (DATE.matcher(text).matches()) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeException e) {
                    // falls through: 2026-02-30 is written like a date but is none
                }
            }
            throw new UnacceptableValueException(p, "must be a date written YYYY-MM-DD", LocalDate.class);
        }
    }
}
