package com.careerledger.api.framework;

import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.domain.framework.CareerFramework;
import com.careerledger.domain.framework.InvalidFrameworkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkTest {

    private static String shipped() throws IOException {
        return new String(new ClassPathResource("framework/career-ladder.yaml").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private static CareerFramework load(String yaml) {
        return FrameworkConfiguration.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test framework"));
    }

    @Test
    void the_shipped_ladder_is_valid_and_identified_by_id_version_and_content_hash() throws IOException {
        CareerFramework framework = load(shipped());

        assertThat(framework.id()).isEqualTo("career-ladder");
        assertThat(framework.version()).isEqualTo(1);
        assertThat(framework.hash()).matches("[0-9a-f]{64}");
        assertThat(framework.levels()).extracting(l -> l.code())
                .containsExactly("IC0", "IC1", "IC2", "IC3", "IC4", "IC5", "IC6", "M1", "M2", "M3");
        assertThat(framework.policy().requiredQuarters()).isEqualTo(2);
        assertThat(load(shipped() + "\n# a comment changes the content\n").hash()).isNotEqualTo(framework.hash());
    }

    @Test
    void a_duplicate_level_code_is_named() throws IOException {
        String broken = shipped().replaceFirst("code: IC1\n", "code: IC0\n");

        assertThatThrownBy(() -> load(broken)).isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("duplicate level code IC0");
    }

    @Test
    void an_equivalence_naming_an_unknown_level_is_named() throws IOException {
        String broken = shipped().replace("{ ic: IC3, manager: M1 }", "{ ic: IC9, manager: M1 }");

        assertThatThrownBy(() -> load(broken)).isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("unknown level IC9");
    }

    @Test
    void a_track_without_levels_is_named() throws IOException {
        String broken = shipped().replaceAll("track: MANAGER\n", "track: IC\n");

        assertThatThrownBy(() -> load(broken)).isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("track MANAGER has no levels");
    }

    @Test
    void an_unknown_key_is_named_with_its_place() throws IOException {
        String broken = shipped().replaceFirst("coreQuestion:", "coreQuestin:");

        assertThatThrownBy(() -> load(broken)).isInstanceOf(InvalidFrameworkException.class)
                .hasMessageContaining("coreQuestin");
    }

    @Test
    void a_broken_custom_framework_file_stops_start_up_with_a_message_naming_the_problem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ladder.yaml");
        Files.writeString(file, shipped().replaceFirst("code: IC1\n", "code: IC0\n"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(CareerLedgerApplication.class)
                .run("--server.port=0", "--career.framework.location=file:" + file))
                .hasRootCauseInstanceOf(InvalidFrameworkException.class)
                .rootCause().hasMessageContaining("ladder.yaml").hasMessageContaining("duplicate level code IC0");
    }
}
