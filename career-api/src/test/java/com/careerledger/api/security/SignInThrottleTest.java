package com.careerledger.api.security;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.ManualTime;
import com.careerledger.api.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over HTTP Basic is slowed down and then refused with 429 before a password is checked: per
 * account and client address, per address, and per account from addresses it has not signed in from. Requests
 * come from several loopback addresses (127.0.0.x); the throttle's time is moved by the test, not waited for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ManualTime.Config.class)
@TestPropertySource(properties = {
        "career.security.sign-in.window=15m",
        "career.security.sign-in.failures-per-account-and-address=3",
        "career.security.sign-in.failures-per-address=8",
        "career.security.sign-in.failures-per-account=6"})
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest {

    private static final String PASSWORD = "right-password-77";

    @LocalServerPort
    int port;
    @Autowired
    ManualTime time;

    Http admin;

    @BeforeAll
    void setUp() {
        admin = new Http(port);
    }

    private String account(String name) {
        return new CareerStories(port).account(name, PASSWORD, "EMPLOYEE", null);
    }

    private RawHttp.Response signIn(String from, String username, String password) {
        return RawHttp.get(from, port, "/api/accounts/me", Http.basic(username, password));
    }

    /**
     * A client opening several connections at once signs in on each with the right password before any of them is
     * remembered: the tries overlap in the password check, and more of them than the limit of failures must not
     * spend the limit between them (the benchmark's eight clients were refused so).
     */
    @Test
    void many_requests_at_once_with_the_right_password_are_not_refused() throws Exception {
        String ada = account("ada-at-once");
        int requests = 12; // four times the limit per account and address
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return signIn("127.0.0.9", ada, PASSWORD).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            pool.shutdownNow();
        }
        // and the limit is whole afterwards: three wrong guesses, then the fourth try is refused
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.9", ada, "wrong-guess-" + i).status()).isEqualTo(401);
        }
        assertThat(signIn("127.0.0.9", ada, "wrong-guess-3").status()).isEqualTo(429);
    }

    @Test
    void after_the_failures_the_next_try_is_429_another_address_still_signs_in_and_the_window_forgets(CapturedOutput log) {
        String ada = account("ada");
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.2", ada, "wrong-guess-" + i).status()).isEqualTo(401);
        }

        RawHttp.Response refused = signIn("127.0.0.2", ada, PASSWORD);
        assertThat(refused.status()).as("even the right password, from the guessing address").isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("/problems/sign-in-throttled");
        // one more try per window / limit: 15 min / 3
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(5).toSeconds());

        assertThat(signIn("127.0.0.3", ada, PASSWORD).status()).as("the owner, from another address").isEqualTo(200);

        time.advance(Duration.ofMinutes(15));
        assertThat(signIn("127.0.0.2", ada, PASSWORD).status()).as("after the window").isEqualTo(200);

        assertThat(log.getOut()).contains("Sign-in failed for account '" + ada + "' from 127.0.0.2")
                .doesNotContain("wrong-guess-", PASSWORD);
    }

    @Test
    void slowed_down_a_guesser_gets_one_try_per_window_share() {
        String bob = account("bob");
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.4", bob, "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(signIn("127.0.0.4", bob, "guess-3").status()).isEqualTo(429);
        time.advance(Duration.ofMinutes(5)); // window / limit
        assertThat(signIn("127.0.0.4", bob, "guess-4").status()).as("one more try").isEqualTo(401);
        assertThat(signIn("127.0.0.4", bob, "guess-5").status()).as("and no more").isEqualTo(429);
    }

    @Test
    void concurrent_guesses_get_no_more_password_checks_than_the_limit() throws Exception {
        String cy = account("cy");
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String guess = "parallel-guess-" + i;
                tries.add(pool.submit(() -> signIn("127.0.0.5", cy, guess).status()));
            }
            for (Future<Integer> t : tries) {
                statuses.add(t.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // a token is taken before the password is hashed: exactly the limit's worth of tries reach the hash
        assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(13);
    }

    @Test
    void one_address_spraying_many_accounts_is_refused_for_any_account() {
        for (int i = 0; i < 8; i++) {
            // two tries each on unknown accounts: under the per-account limit, over the per-address one in total
            assertThat(signIn("127.0.0.6", "nobody-" + i / 2 + "-" + System.nanoTime() % 1000, "spray").status())
                    .isEqualTo(401);
        }
        String dee = account("dee");
        assertThat(signIn("127.0.0.6", dee, PASSWORD).status()).isEqualTo(429);
        assertThat(signIn("127.0.0.7", dee, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void many_addresses_guessing_one_account_lock_out_new_addresses_but_not_its_owners() {
        String eve = account("eve");
        assertThat(signIn("127.0.0.8", eve, PASSWORD).status()).as("the owner's usual address").isEqualTo(200);
        for (int i = 0; i < 6; i++) {
            // two guesses from each of three addresses: under the per-address limits, at the account's
            assertThat(signIn("127.0.1." + (i / 2 + 1), eve, "distributed-" + i).status()).isEqualTo(401);
        }
        assertThat(signIn("127.0.1.9", eve, PASSWORD).status()).as("a new address").isEqualTo(429);
        assertThat(signIn("127.0.0.8", eve, PASSWORD).status()).as("an address it signed in from").isEqualTo(200);
    }
}
