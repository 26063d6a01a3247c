package com.careerledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** There is no Docker engine where the tests run, so the compose file is checked for shape instead. */
class DockerComposeTest {

    private static JsonNode compose() throws IOException {
        Path file = Path.of("..", "docker-compose.yml");
        assertThat(file).exists();
        return new YAMLMapper().readTree(Files.readString(file));
    }

    @Test
    void compose_file_parses_and_names_postgres_and_the_app() throws IOException {
        JsonNode services = compose().get("services");

        assertThat(services.has("postgres")).isTrue();
        assertThat(services.has("app")).isTrue();
        assertThat(services.get("postgres").get("image").asText()).startsWith("postgres:17");
        assertThat(services.get("app").get("build").asText()).isEqualTo(".");
        assertThat(Path.of("..", "Dockerfile")).exists();
    }

    @Test
    void both_services_have_health_checks_and_the_app_waits_for_a_healthy_database() throws IOException {
        JsonNode root = compose();
        JsonNode services = root.get("services");

        assertThat(services.get("postgres").get("healthcheck").get("test").toString()).contains("pg_isready");
        assertThat(services.get("app").get("healthcheck").get("test").toString()).contains("/actuator/health");
        assertThat(services.get("app").get("depends_on").get("postgres").get("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void the_app_is_pointed_at_the_compose_database_and_data_lives_in_a_named_volume() throws IOException {
        JsonNode root = compose();
        JsonNode env = root.get("services").get("app").get("environment");

        assertThat(env.get("CAREER_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/career_ledger");
        assertThat(env.has("CAREER_DB_USER")).isTrue();
        assertThat(env.has("CAREER_DB_PASSWORD")).isTrue();
        String volume = root.get("services").get("postgres").get("volumes").get(0).asText().split(":")[0];
        assertThat(root.get("volumes").has(volume)).isTrue();
    }
}
