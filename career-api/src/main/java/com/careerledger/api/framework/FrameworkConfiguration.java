package com.careerledger.api.framework;

import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.InvalidFrameworkException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the career framework once at start-up: the shipped ladder, or the file named by
 * {@code career.framework.location} ({@code CAREER_FRAMEWORK}). A file that cannot be used stops start-up
 * with a message naming every problem: deciding promotions on a broken ladder is worse than not starting.
 */
@Configuration(proxyBeanMethods = false)
public class FrameworkConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FrameworkConfiguration.class);

    @Bean
    public CareerFramework careerFramework(
            @Value("${career.framework.location:classpath:framework/career-ladder.yaml}") Resource location) {
        CareerFramework framework = load(location);
        log.info("Career framework {} v{} loaded from {} (sha256 {})", framework.id(), framework.version(),
                location.getDescription(), framework.hash());
        return framework;
    }

    public static CareerFramework load(Resource location) {
        String source = location.getDescription();
        byte[] bytes;
        try (InputStream in = location.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidFrameworkException(source, List.of("cannot be read: " + e.getMessage()));
        }
        YAMLMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        CareerFramework parsed;
        try {
            parsed = yaml.readValue(bytes, CareerFramework.class);
        } catch (JsonMappingException e) {
            throw new InvalidFrameworkException(source, List.of("at " + e.getPathReference() + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidFrameworkException(source, List.of("is not valid YAML: " + e.getMessage()));
        }
        if (parsed == null) {
            throw new InvalidFrameworkException(source, List.of("is empty"));
        }
        return parsed.withHash(sha256(bytes)).validated(source);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
