package com.careerledger.api.security;

import com.careerledger.api.security.storage.AccountStore;
import com.careerledger.api.testsupport.Eventually;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account row a request is authenticated against is kept for {@code career.security.account-cache} (1 s), not
 * read per request: a change made through this instance is seen by the very next request, one made in the table by
 * other means (an operator's SQL, another instance) once that bound has passed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountCacheTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountStore accounts;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    private String newAccount(Http admin) {
        String name = "cached-" + System.nanoTime();
        assertThat(admin.post("/api/accounts", """
                {"username":"%s","password":"a-fine-password-42","roles":["EMPLOYEE"]}""".formatted(name)).status())
                .isEqualTo(201);
        return name;
    }

    @Test
    void a_password_changed_through_this_instance_is_checked_at_the_next_request() {
        Http admin = new Http(port);
        String name = newAccount(admin);
        assertThat(admin.as(name, "a-fine-password-42").get("/api/accounts/me").status()).isEqualTo(200);

        UUID id = accounts.byUsername(name).orElseThrow().id();
        accounts.updatePassword(id, encoder.encode("another-fine-password-43"));

        assertThat(admin.as(name, "a-fine-password-42").get("/api/accounts/me").status()).isEqualTo(401);
        assertThat(admin.as(name, "another-fine-password-43").get("/api/accounts/me").status()).isEqualTo(200);
    }

    @Test
    void an_account_disabled_in_the_table_is_refused_once_the_bound_has_passed() {
        Http admin = new Http(port);
        String name = newAccount(admin);
        Http user = admin.as(name, "a-fine-password-42");
        assertThat(user.get("/api/accounts/me").status()).isEqualTo(200);

        jdbc.update("UPDATE account SET enabled = false WHERE username = ?", name);

        // the bound is 1 s; the limit here only keeps a broken cache from hanging the test
        assertThat(Eventually.await("the disabled account refused", () -> user.get("/api/accounts/me").status(),
                status -> status == 401, Duration.ofSeconds(10))).isEqualTo(401);
        assertThat(user.get("/api/accounts/me").status()).as("and from then on").isEqualTo(401);
    }
}
