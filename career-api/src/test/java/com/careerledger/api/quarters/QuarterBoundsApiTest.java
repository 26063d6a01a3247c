package com.careerledger.api.quarters;

import com.careerledger.api.testsupport.CareerStories;
import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, row 2 (domain half): an employee opened 1900-Q1 … 2099-Q4 for themself and logged 600 pieces of
 * evidence in one quarter, all 201. Now a quarter before the ledger's earliest (2000-Q1) is refused, and so is a
 * quarter's 101st piece of evidence: 409 problem+json naming the rule, and nothing appended.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuarterBoundsApiTest {

    private static final String PASSWORD = "bounds-password-1";

    @LocalServerPort
    int port;
    CareerStories stories;
    Http admin;

    @BeforeEach
    void setUp() {
        stories = new CareerStories(port);
        admin = stories.http();
    }

    @Test
    void an_employee_cannot_open_a_quarter_before_the_ledgers_earliest() {
        String ada = stories.register("Ada Bounds", "IC", "IC2");
        Http employee = employee(ada);
        long before = eventCount(ada);

        JsonNode refused = problem(employee.post(quarters(ada), "{\"quarter\":\"1999-Q4\"}"), 409, "quarter-before-ledger");
        assertThat(refused.get("detail").asText()).contains("1999-Q4", "earliest quarter, 2000-Q1");
        problem(employee.post(quarters(ada), "{\"quarter\":\"1900-Q1\"}"), 409, "quarter-before-ledger");
        assertThat(eventCount(ada)).isEqualTo(before);
        assertThat(employee.get(quarters(ada) + "/1999-Q4").status()).isEqualTo(404);

        // the earliest quarter itself opens
        assertThat(employee.post(quarters(ada), "{\"quarter\":\"2000-Q1\"}").status()).isEqualTo(201);
    }

    @Test
    void the_hundredth_piece_of_evidence_is_logged_and_the_hundred_and_first_refused() {
        String ada = stories.register("Ada Win Log", "IC", "IC2");
        Http employee = employee(ada);
        String quarter = "2025-Q3";
        assertThat(employee.post(quarters(ada), "{\"quarter\":\"" + quarter + "\"}").status()).isEqualTo(201);
        for (int i = 1; i <= 100; i++) {
            Http.Response logged = employee.post(quarters(ada) + "/" + quarter + "/evidence", evidence(i));
            assertThat(logged.status()).as("evidence %d: %s", i, logged.body()).isEqualTo(201);
        }
        long before = eventCount(ada);

        JsonNode refused = problem(employee.post(quarters(ada) + "/" + quarter + "/evidence", evidence(101)), 409,
                "evidence-limit-reached");

        assertThat(refused.get("detail").asText()).contains("a quarter holds at most 100 pieces of evidence");
        assertThat(eventCount(ada)).isEqualTo(before);
        assertThat(stories.ok(employee.get(quarters(ada) + "/" + quarter), 200).get("evidence")).hasSize(100);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** An EMPLOYEE account linked to the person: the attacker of row 2 works on their own record. */
    private Http employee(String person) {
        return admin.as(stories.account("bounds", PASSWORD, "EMPLOYEE", person), PASSWORD);
    }

    private static String evidence(int n) {
        return """
                {"title":"Win %d","impact":"Measured impact","dimension":"IMPACT","demonstratesLevel":"IC2","occurredOn":"2025-08-%02d"}"""
                .formatted(n, 1 + n % 28);
    }

    private long eventCount(String person) {
        return stories.ok(admin.get("/api/people/" + person + "/events?size=1"), 200).get("total").asLong();
    }

    private static String quarters(String person) {
        return "/api/people/" + person + "/quarters";
    }

    private static JsonNode problem(Http.Response r, int status, String rule) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("type").asText()).endsWith("/problems/" + rule);
        return r.json();
    }
}
