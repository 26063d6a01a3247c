package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** After a scenario with accounts and failed logins, no password or Authorization header is in the logs or events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void no_password_or_authorization_header_reaches_the_log_or_the_event_store(CapturedOutput output) {
        CareerStories stories = new CareerStories(port);
        Http admin = stories.http();
        String username = "secret-keeper-" + System.nanoTime();
        String password = "Zq8-unique-secret-" + System.nanoTime();
        String ada = stories.register("Ada Secret", "IC", "IC2");
        assertThat(admin.post("/api/accounts", """
                {"username":"%s","password":"%s","roles":["EMPLOYEE"],"personId":"%s"}""".formatted(username, password, ada))
                .status()).isEqualTo(201);
        Http user = admin.as(username, password);
        stories.open(ada, "2026-Q1");
        assertThat(user.post("/api/people/" + ada + "/quarters/2026-Q1/evidence", """
                {"title":"e","impact":"i","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2026-02-02"}""").status())
                .isEqualTo(201);
        String wrong = password + "-wrong";
        assertThat(admin.as(username, wrong).get("/api/people/" + ada).status()).isEqualTo(401);
        assertThat(admin.post("/api/accounts", "{\"username\":\"" + username + "\",\"password\":\"" + password
                + "x\",\"roles\":[\"EMPLOYEE\"]}").status()).isEqualTo(409);

        List<String> secrets = List.of(password, wrong, Http.ADMIN_PASSWORD,
                b64(username + ":" + password), b64("admin:" + Http.ADMIN_PASSWORD));
        String log = output.getAll();
        String events = String.join("\n", jdbc.queryForList(
                "SELECT payload::text || ' ' || coalesce(meta_data::text, '') FROM domain_event_entry", String.class));
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
            assertThat(events).doesNotContain(secret);
        }
        assertThat(log).doesNotContainIgnoringCase("authorization:").doesNotContain("Basic ");
        assertThat(events).doesNotContainIgnoringCase("authorization").doesNotContain("password");
        // and the accounts table holds a hash, not the password
        assertThat(jdbc.queryForObject("SELECT password_hash FROM account WHERE username = ?", String.class, username))
                .startsWith("{bcrypt}").doesNotContain(password);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
