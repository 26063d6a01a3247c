package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP Basic: who gets in, what they are told when not, and who is recorded as having acted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticationTest {

    @LocalServerPort
    int port;

    @Test
    void no_credentials_or_wrong_ones_are_a_401_problem_with_a_basic_challenge() {
        Http admin = new Http(port);
        for (Http.Response r : new Http.Response[]{
                admin.anonymous().get("/api/people"),
                admin.as("admin", "not-the-password").get("/api/people"),
                admin.as("nobody-here", "whatever-password").get("/api/people"),
                admin.withAuthorization("Bearer abc").get("/api/people")}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(r.json().get("type").asText()).endsWith("/problems/unauthenticated");
        }
    }

    @Test
    void health_and_info_are_public_and_actuator_internals_are_for_admins_only() {
        Http admin = new Http(port);
        Http anonymous = admin.anonymous();
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        // each component's status is public (a database outage shows as "db": DOWN), nothing beyond it
        com.fasterxml.jackson.databind.JsonNode publicHealth = anonymous.get("/actuator/health").json();
        assertThat(publicHealth.get("components").get("db").get("status").asText()).isEqualTo("UP");
        assertThat(publicHealth.get("components").get("db").has("details")).isFalse();
        assertThat(anonymous.get("/actuator/info").status()).isEqualTo(200);

        String employee = "actuator-emp-" + System.nanoTime();
        assertThat(admin.post("/api/accounts", """
                {"username":"%s","password":"employee-password-7","roles":["EMPLOYEE","COMMITTEE","MANAGER"]}"""
                .formatted(employee)).status()).isEqualTo(201);
        for (String internal : new String[]{"/actuator/env", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump",
                "/actuator/metrics"}) {
            assertThat(anonymous.get(internal).status()).as(internal).isEqualTo(401);
            assertThat(admin.as(employee, "employee-password-7").get(internal).status()).as(internal).isEqualTo(403);
        }
        assertThat(admin.get("/actuator/env").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/health").json().get("components").get("db").has("details")).isTrue();
    }

    @Test
    void the_decider_is_the_authenticated_account_and_a_decided_by_in_the_body_is_ignored() {
        CareerStories stories = new CareerStories(port);
        Http admin = stories.http();
        String ada = stories.register("Ada Decided", "IC", "IC1");
        String committee = "committee-" + System.nanoTime();
        JsonNode account = admin.post("/api/accounts", """
                {"username":"%s","password":"committee-password-3","roles":["COMMITTEE"]}""".formatted(committee)).json();

        Http.Response decided = admin.as(committee, "committee-password-3").post("/api/people/" + ada + "/promotions", """
                {"targetLevel":"IC2","rationale":"Exceptional","override":{"justification":"Vote 4-1"},
                 "decidedBy":"mallory","actor":"mallory"}""");

        assertThat(decided.status()).isEqualTo(201);
        assertThat(decided.json().get("decidedBy").asText()).isEqualTo(account.get("id").asText()).isNotEqualTo("mallory");
        JsonNode stored = admin.get("/api/people/" + ada + "/events?size=200").json().get("items");
        JsonNode promotion = stored.get(stored.size() - 1);
        assertThat(promotion.get("type").asText()).isEqualTo("LevelChanged");
        assertThat(promotion.get("payload").get("decidedBy").asText()).isEqualTo(account.get("id").asText());
        assertThat(promotion.get("metadata").get("actor").asText()).isEqualTo(account.get("id").asText());
        assertThat(promotion.get("metadata").toString()).doesNotContain(committee);
    }

    @Test
    void accounts_have_password_rules_with_clear_errors_and_unique_usernames() {
        Http admin = new Http(port);
        String name = "rules-" + System.nanoTime();
        Http.Response shortPassword = admin.post("/api/accounts", """
                {"username":"%s","password":"short","roles":["EMPLOYEE"]}""".formatted(name));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("errors").findValuesAsText("field")).contains("password");
        Http.Response containsName = admin.post("/api/accounts", """
                {"username":"%s","password":"xx%sxx-long","roles":["EMPLOYEE"]}""".formatted(name, name));
        assertThat(containsName.status()).isEqualTo(400);
        Http.Response repetitive = admin.post("/api/accounts", """
                {"username":"%s","password":"aaaaaaaaaaaaaaab","roles":["EMPLOYEE"]}""".formatted(name));
        assertThat(repetitive.status()).isEqualTo(400);
        // bcrypt reads 72 bytes: longer is a 400, in characters and in bytes (65 characters, 85 bytes: É, é, à and ë take two)
        Http.Response tooManyCharacters = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","roles":["EMPLOYEE"]}""".formatted(name, "Long-pass-9".repeat(7)));
        assertThat(tooManyCharacters.status()).as(tooManyCharacters.body()).isEqualTo(400);
        Http.Response tooManyBytes = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","roles":["EMPLOYEE"]}""".formatted(name, "Été-à-Noël-9-".repeat(5)));
        assertThat(tooManyBytes.status()).as(tooManyBytes.body()).isEqualTo(400);
        assertThat(tooManyBytes.json().get("errors").findValuesAsText("field")).contains("password");
        Http.Response created = admin.post("/api/accounts", """
                {"username":"%s","password":"a-fine-password-42","roles":["EMPLOYEE"]}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("a-fine-password-42", "password");
        assertThat(admin.post("/api/accounts", """
                {"username":"%s","password":"another-fine-password-42","roles":["EMPLOYEE"]}""".formatted(name)).status())
                .isEqualTo(409);
        assertThat(admin.post("/api/accounts", """
                {"username":"x-%s","password":"a-fine-password-42","roles":["EMPLOYEE"],"personId":"%s"}"""
                .formatted(name, java.util.UUID.randomUUID())).status()).isEqualTo(400);
    }

    @Test
    void a_password_is_limited_in_bytes_of_utf8_as_the_hash_reads_it() {
        Http admin = new Http(port);
        String name = "bytes-" + System.nanoTime();
        // 72 characters, 144 bytes: within a limit in characters, over the one in bytes
        String twoByteLetters = "éàüöçñ".repeat(12);
        String ascii72 = "Long-pass-9-".repeat(6);
        for (String password : List.of(twoByteLetters, ascii72 + "x", "€".repeat(24) + "a")) {
            Http.Response r = admin.post("/api/accounts", """
                    {"username":"%s","password":"%s","roles":["EMPLOYEE"]}""".formatted(name, password));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.json().get("type").asText()).isEqualTo("/problems/validation");
            assertThat(r.json().get("errors")).hasSize(1);
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("password");
            assertThat(r.json().at("/errors/0/message").asText()).contains("at most 72 bytes in UTF-8");
        }
        // exactly 72 bytes: 72 ASCII characters, or 28 characters of which 22 take three bytes each
        for (String password : List.of(ascii72, "€".repeat(22) + "abcde1")) {
            String username = name + "-" + password.length();
            Http.Response r = admin.post("/api/accounts", """
                    {"username":"%s","password":"%s","roles":["EMPLOYEE"]}""".formatted(username, password));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(admin.as(username, password).get("/api/accounts/me").status()).isEqualTo(200);
        }
    }

    @Test
    void a_person_has_at_most_one_account() {
        Http admin = new Http(port);
        String ada = new com.careerledger.api.testsupport.CareerStories(port).register("Ada One Account", "IC", "IC2");
        String name = "one-" + System.nanoTime();
        assertThat(admin.post("/api/accounts", """
                {"username":"%s","password":"a-fine-password-42","roles":["EMPLOYEE"],"personId":"%s"}"""
                .formatted(name, ada)).status()).isEqualTo(201);

        Http.Response second = admin.post("/api/accounts", """
                {"username":"%s-2","password":"a-fine-password-42","roles":["MANAGER"],"personId":"%s"}"""
                .formatted(name, ada));
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("type").asText()).endsWith("/problems/person-has-account");
        assertThat(second.json().get("detail").asText()).contains("one account per person");
        assertThat(admin.as(name + "-2", "a-fine-password-42").get("/api/accounts/me").status())
                .as("no second account was made").isEqualTo(401);
    }

    @Test
    void the_api_document_is_public_in_the_embedded_default() {
        Http anonymous = new Http(port).anonymous();
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void a_sign_in_with_a_password_longer_than_the_hash_reads_is_a_401() {
        // bcrypt refuses to hash more than 72 bytes; checking one must stay a plain failure
        Http.Response r = new Http(port).as("admin", Http.ADMIN_PASSWORD + "x".repeat(80)).get("/api/accounts/me");
        assertThat(r.status()).isEqualTo(401);
    }
}
