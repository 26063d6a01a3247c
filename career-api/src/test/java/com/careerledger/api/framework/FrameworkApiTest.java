package com.careerledger.api.framework;

import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrameworkApiTest {

    @LocalServerPort
    int port;

    @Test
    void the_framework_is_served_with_every_contract_field() {
        JsonNode framework = new Http(port).get("/api/framework").json();

        assertThat(framework.get("id").asText()).isEqualTo("career-ladder");
        assertThat(framework.get("version").asInt()).isEqualTo(1);
        assertThat(framework.get("hash").asText()).hasSize(64);
        assertThat(framework.get("tracks").findValuesAsText("code")).containsExactly("IC", "MANAGER");
        assertThat(framework.get("policy").get("requiredQuarters").asInt()).isEqualTo(2);
        assertThat(framework.get("equivalences").get(0).get("ic").asText()).isEqualTo("IC3");
        assertThat(framework.get("equivalences").get(0).get("manager").asText()).isEqualTo("M1");
        JsonNode ic3 = framework.get("levels").get(3);
        assertThat(ic3.fieldNames()).toIterable().contains("code", "track", "order", "titles", "coreQuestion", "scope",
                "collaboration", "mentorship", "ownership", "whatYouDo", "successLooksLike", "pathToNext", "exampleGoal");
        assertThat(ic3.get("titles").get("ENGINEERING").asText()).isEqualTo("Senior Engineer");
        assertThat(ic3.get("titles").get("PRODUCT").asText()).isNotBlank();
    }

    @Test
    void one_level_is_served_and_an_unknown_one_is_a_404_problem() {
        Http http = new Http(port);

        JsonNode m1 = http.get("/api/framework/levels/M1").json();
        assertThat(m1.get("code").asText()).isEqualTo("M1");
        assertThat(m1.get("track").asText()).isEqualTo("MANAGER");
        assertThat(m1.get("pathToNext").size()).isPositive();

        Http.Response unknown = http.get("/api/framework/levels/IC9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }
}
