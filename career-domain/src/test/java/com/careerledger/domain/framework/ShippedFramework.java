package com.careerledger.domain.framework;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The ladder shipped in this module, read as the application reads it (hash left out: tests do not need it). */
public final class ShippedFramework {

    private static final CareerFramework FRAMEWORK = load();

    private ShippedFramework() {
    }

    public static CareerFramework get() {
        return FRAMEWORK;
    }

    private static CareerFramework load() {
        try (InputStream in = ShippedFramework.class.getResourceAsStream("/framework/career-ladder.yaml")) {
            YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            return yaml.readValue(in, CareerFramework.class).withHash("test").validated("career-ladder.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
