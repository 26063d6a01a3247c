package com.careerledger.api.operations;

import com.careerledger.api.CareerLedgerApplication;
import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness is computed one way, from the sustained record under the framework in force: when the ladder changes
 * at a restart, the directory and the readiness board (which store it) say what performance history (which
 * computes it when read) says, without a rebuild.
 */
class FrameworkChangeTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--career.db.embedded.ephemeral=false";
        args[2] = "--career.db.embedded.data-dir=" + dataDir;
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(CareerLedgerApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String readiness(Http http, String person) {
        return http.get("/api/people/" + person).json().get("readiness").asText();
    }

    @Test
    void after_the_ladder_changes_the_directory_says_what_performance_history_says() throws IOException {
        String ada;
        try (ConfigurableApplicationContext first = start()) {
            CareerStories stories = new CareerStories(port(first));
            ada = stories.register("Ada Ladder", "IC", "IC2");
            stories.quarterAt(ada, "2026-Q1", "IC3");
            stories.quarterAt(ada, "2026-Q2", "IC3");
            // the shipped ladder asks for 2 quarters at the next level
            Eventually.await("Ada ready", () -> readiness(stories.http(), ada), "READY"::equals);
        }

        Path ladder = dataDir.resolve("ladder.yaml");
        Files.writeString(ladder, shipped().replaceFirst("requiredQuarters: 2", "requiredQuarters: 3"));
        try (ConfigurableApplicationContext second = start("--career.framework.location=file:" + ladder)) {
            Http http = new Http(port(second));
            String history = http.get("/api/people/" + ada + "/performance-history").json()
                    .get("readiness").get("status").asText();
            assertThat(history).isEqualTo("NOT_YET");
            assertThat(readiness(http, ada)).as("the directory, as performance history").isEqualTo(history);
            assertThat(http.get("/api/readiness?size=200").body()).doesNotContain(ada);
        }
    }

    private static String shipped() throws IOException {
        try (InputStream in = FrameworkChangeTest.class.getResourceAsStream("/framework/career-ladder.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("requiredQuarters: 2");
            return text;
        }
    }
}
