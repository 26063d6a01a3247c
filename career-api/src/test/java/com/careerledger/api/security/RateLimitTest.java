package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes beyond an account's configured rate answer 429 with Retry-After; reads and other accounts go on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"career.security.rate-limit.writes-per-second=0.01",
        "career.security.rate-limit.burst=5"})
class RateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void the_write_after_the_burst_is_a_429_problem_with_retry_after() {
        CareerStories stories = new CareerStories(port);
        Http admin = stories.http();
        String ada = stories.register("Ada Rate", "IC", "IC1"); // write 1
        stories.open(ada, "2026-Q1");                            // write 2
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {                           // writes 3..6
            statuses.add(admin.post("/api/people/" + ada + "/quarters/2026-Q1/evidence", """
                    {"title":"e","impact":"i","dimension":"IMPACT","demonstratesLevel":"IC1","occurredOn":"2026-02-02"}""").status());
        }
        assertThat(statuses).containsExactly(201, 201, 201, 429);

        Http.Response limited = admin.post("/api/people/" + ada + "/quarters/2026-Q1/evidence", "{}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.json().get("type").asText()).endsWith("/problems/rate-limited");
        assertThat(admin.get("/api/people/" + ada).status()).as("reads are not limited").isEqualTo(200);

        String other = "other-writer-" + System.nanoTime();
        // the admin's bucket is empty; another account has its own
        assertThat(admin.post("/api/accounts", "{\"username\":\"" + other
                + "\",\"password\":\"other-password-55\",\"roles\":[\"ADMIN\"]}").status()).isEqualTo(429);
    }
}
