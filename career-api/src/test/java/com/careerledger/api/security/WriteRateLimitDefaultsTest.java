package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ManualTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped write limit bites a single abusive client and leaves a person alone. The limits are the code's own
 * defaults (the test configuration raises them for every other test); time is moved by the test, so "a client
 * writing 30 times a second" is a pace of the story, not of the machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ManualTime.Config.class)
class WriteRateLimitDefaultsTest {

    static final SecuritySettings.RateLimit DEFAULTS = new SecuritySettings.RateLimit(null, null, null);

    @DynamicPropertySource
    static void shippedLimits(DynamicPropertyRegistry registry) {
        registry.add("career.security.rate-limit.writes-per-second", DEFAULTS::writesPerSecond);
        registry.add("career.security.rate-limit.burst", DEFAULTS::burst);
        registry.add("career.security.rate-limit.writes-per-minute", DEFAULTS::writesPerMinute);
    }

    @LocalServerPort
    int port;
    @Autowired
    ManualTime time;

    /** A fresh account of its own (its own bucket), as a client. */
    private Http client(String name) {
        CareerStories stories = new CareerStories(port);
        return stories.http().as(stories.account(name, "rate-password-42", "ADMIN", null), "rate-password-42");
    }

    /**
     * Writes at a steady pace until the first 429 or {@code max} writes.
     *
     * @return the simulated seconds at the first refusal, or -1 if none
     */
    private double secondsUntilRefused(Http client, double perSecond, int max) {
        Duration step = Duration.ofNanos(Math.round(1e9 / perSecond));
        for (int i = 0; i < max; i++) {
            // an invalid registration: refused with 400 by validation, but a write the limit counts
            Http.Response r = client.post("/api/people", "{}");
            if (r.status() == 429) {
                assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
                return i / perSecond;
            }
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            time.advance(step);
        }
        return -1;
    }

    @Test
    void a_client_writing_30_times_a_second_is_refused_within_seconds() {
        assertThat(secondsUntilRefused(client("fast"), 30, 600)).isBetween(0.0, 5.0);
    }

    @Test
    void a_client_just_under_the_per_second_limit_is_refused_by_the_per_minute_one() {
        double seconds = secondsUntilRefused(client("steady"), DEFAULTS.writesPerSecond() * 0.95, 3000);
        // the per-second limit alone never refuses this pace; the minute's budget is spent after about a minute
        assertThat(seconds).isBetween(60.0, 90.0);
    }

    @Test
    void a_person_writing_once_a_second_is_never_refused() {
        assertThat(secondsUntilRefused(client("person"), 1, 300)).isEqualTo(-1);
    }
}
