package com.careerledger.projections.support;

import com.careerledger.domain.framework.LevelCode;
import com.careerledger.domain.shared.YearQuarter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.io.IOException;
import java.util.function.Function;

/**
 * The domain's value objects as JSON text, the way events were stored before they carried them: a {@link LevelCode}
 * is its code ({@code "IC3"}), a {@link YearQuarter} its {@code "2026-Q1"}. The domain knows no Jackson, so this
 * module is the one place that says so; the event serializers (career-api's Axon configuration) and
 * {@link ReadModelJson} register it, which keeps the stored payloads as they were: no upcaster, no new revision.
 */
public final class DomainValuesModule extends SimpleModule {

    public DomainValuesModule() {
        super("domain-values");
        addSerializer(LevelCode.class, ToStringSerializer.instance);
        addSerializer(YearQuarter.class, ToStringSerializer.instance);
        addDeserializer(LevelCode.class, new FromText<>(LevelCode.class, LevelCode::new));
        addDeserializer(YearQuarter.class, new FromText<>(YearQuarter.class, YearQuarter::parse));
    }

    /** A value from its text; JSON null (or blank text) is no value. */
    private static final class FromText<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        FromText(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            return text == null || text.isBlank() ? null : parse.apply(text);
        }
    }
}
