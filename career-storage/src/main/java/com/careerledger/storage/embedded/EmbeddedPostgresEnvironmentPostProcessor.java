package com.careerledger.storage.embedded;

import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides where the database is, before anything connects to it.
 * <ol>
 *   <li>{@code CAREER_DB_URL} (with {@code CAREER_DB_USER}, {@code CAREER_DB_PASSWORD}) becomes
 *       {@code spring.datasource.*};</li>
 *   <li>otherwise an explicit {@code spring.datasource.url} is used as it is;</li>
 *   <li>otherwise (the default) an {@link EmbeddedPostgres} is started with its data under
 *       {@code career.db.embedded.data-dir} ({@code ./data} unless set), and stopped as the last step of
 *       closing the application context.</li>
 * </ol>
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "careerLedgerDatabase";

    private final Log log;

    public EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        // after application.yml and test properties are known
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        String externalUrl = env.getProperty("CAREER_DB_URL");
        if (StringUtils.hasText(externalUrl)) {
            props.put("spring.datasource.url", externalUrl);
            putIfText(props, "spring.datasource.username", env.getProperty("CAREER_DB_USER"));
            putIfText(props, "spring.datasource.password", env.getProperty("CAREER_DB_PASSWORD"));
            props.put("career.db.mode", "external");
            log.info("Using the external PostgreSQL at CAREER_DB_URL; no embedded database is started");
        } else if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            props.put("career.db.mode", "external");
            log.info("Using the external PostgreSQL at CAREER_DB_URL; no embedded database is started");
        } else if (!env.getProperty("career.db.embedded.enabled", Boolean.class, true)) {
            return;
        } else {
            EmbeddedPostgres pg = EmbeddedPostgres.start(settings(env));
            pg.startupNotes().forEach(log::info);
            // Registered before any bean exists, so it is destroyed after all of them: the server stops only
            // once the processors have stored their tokens and the connection pool is closed.
            application.addInitializers(context -> {
                if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
                    beans.registerDisposableBean("embeddedPostgresServer", pg::close);
                }
            });
            application.addListeners(event -> {
                if (event instanceof ApplicationFailedEvent) {
                    pg.close();
                }
            });
            props.put("spring.datasource.url", pg.jdbcUrl());
            props.put("spring.datasource.username", pg.username());
            props.put("spring.datasource.password", pg.password());
            props.put("career.db.mode", "embedded");
            props.put("career.db.embedded.port", pg.port());
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    private static EmbeddedPostgres.Settings settings(ConfigurableEnvironment env) {
        boolean ephemeral = env.getProperty("career.db.embedded.ephemeral", Boolean.class, false);
        Path baseDir;
        try {
            baseDir = ephemeral
                    ? Files.createTempDirectory("career-ledger-db-")
                    : Path.of(env.getProperty("career.db.embedded.data-dir", "./data"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Could not create a temporary folder for the embedded PostgreSQL", e);
        }
        return new EmbeddedPostgres.Settings(
                baseDir,
                ephemeral,
                env.getProperty("career.db.embedded.durable", Boolean.class, true),
                env.getProperty("career.db.embedded.port", Integer.class, 0),
                env.getProperty("career.db.embedded.database", "career_ledger"));
    }

    private static void putIfText(Map<String, Object> props, String key, String value) {
        if (StringUtils.hasText(value)) {
            props.put(key, value);
        }
    }
}
