package com.careerledger.api.operations;

import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator's endpoints fail like the rest of the API: every error status carries an
 * {@code application/problem+json} body with a stable type, also where the actuator itself sends none (an unknown
 * metric, property or logger).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorProblemTest {

    private static final String LOGGER = "/actuator/loggers/com.careerledger.actuatorproblemtest";

    @LocalServerPort
    int port;

    @Test
    void unknownNamesAreNotFoundProblems() {
        Http http = new Http(port);
        for (String path : new String[]{"/actuator/metrics/no.such.metric", "/actuator/env/no.such.property",
                "/actuator/loggers/no.such.logger", "/actuator/metrics/jvm.memory.used?tag=no.such.tag:x"}) {
            JsonNode problem = problem(http.get(path), 404, "not-found");
            assertThat(problem.get("instance").asText()).isEqualTo(path.replaceFirst("\\?.*", ""));
        }
    }

    @Test
    void anUnknownLevelIsAValidationProblemAndChangesNothing() {
        Http http = new Http(port);
        assertThat(http.post(LOGGER, "{\"configuredLevel\":\"WARN\"}").status()).isEqualTo(204);

        JsonNode problem = problem(http.post(LOGGER, "{\"configuredLevel\":\"LOUD\"}"), 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("configuredLevel");
        assertThat(problem.get("errors").get(0).get("message").asText())
                .isEqualTo("must be one of [TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF]");
        assertThat(http.get(LOGGER).json().get("configuredLevel").asText()).isEqualTo("WARN");
    }

    @Test
    void otherActuatorFailuresAreProblemsToo() {
        Http http = new Http(port);
        problem(http.get("/actuator/metrics/jvm.memory.used?tag=area"), 400, "malformed-request");
        JsonNode problem = problem(http.request("DELETE", LOGGER, null), 405, "method-not-allowed");
        assertThat(problem.get("detail").asText()).endsWith("allowed: GET, POST");
    }

    /** The contract of POST /actuator/loggers/{name}, as docs/operations.md describes it. */
    @Test
    void aLoggerLevelIsSetInAnyCaseAndResetByNull() {
        Http http = new Http(port);
        Http.Response set = http.post(LOGGER, "{\"configuredLevel\":\"debug\",\"unknown\":\"ignored\"}");
        assertThat(set.status()).isEqualTo(204);
        assertThat(set.body()).isEmpty();
        assertThat(set.header("Content-Type")).isNull();
        JsonNode levels = http.get(LOGGER).json();
        assertThat(levels.get("configuredLevel").asText()).isEqualTo("DEBUG");
        assertThat(levels.get("effectiveLevel").asText()).isEqualTo("DEBUG");

        assertThat(http.post(LOGGER, "{\"configuredLevel\":null}").status()).isEqualTo(204);
        levels = http.get(LOGGER).json();
        assertThat(levels.has("configuredLevel")).isFalse();
        assertThat(levels.get("effectiveLevel").asText()).isEqualTo("INFO"); // inherited again

        assertThat(http.post(LOGGER, "{\"configuredLevel\":\"ERROR\"}").status()).isEqualTo(204);
        assertThat(http.post(LOGGER, "{}").status()).isEqualTo(204); // an absent level resets too
        assertThat(http.get(LOGGER).json().has("configuredLevel")).isFalse();
        assertThat(http.post(LOGGER, "{\"configuredLevel\":\"ERROR\"}").status()).isEqualTo(204);
        assertThat(http.post(LOGGER, "{\"configuredLevel\":\"\"}").status()).isEqualTo(204); // and an empty one
        assertThat(http.get(LOGGER).json().has("configuredLevel")).isFalse();

        // the body is read as a map of strings: any other value, of any field, is refused
        JsonNode problem = problem(http.post(LOGGER, "{\"configuredLevel\":\"WARN\",\"unknown\":1}"), 400,
                "validation");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("unknown");
        assertThat(http.get(LOGGER).json().has("configuredLevel")).isFalse();
        problem(http.requestBytes("POST", LOGGER, "text/plain", "DEBUG".getBytes()), 415, "unsupported-media-type");
    }

    @Test
    void theRootLoggerCannotBeResetToNoLevelAndSaysSo() {
        Http http = new Http(port);
        String root = "/actuator/loggers/ROOT";
        String before = http.get(root).json().get("configuredLevel").asText();

        JsonNode problem = problem(http.post(root, "{\"configuredLevel\":null}"), 400, "validation");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("configuredLevel");
        assertThat(http.get(root).json().get("configuredLevel").asText()).isEqualTo(before);
    }

    private static JsonNode problem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
