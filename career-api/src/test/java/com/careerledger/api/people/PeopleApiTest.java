package com.careerledger.api.people;

import com.careerledger.api.testsupport.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeopleApiTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void a_registered_person_is_returned_by_get_with_every_contract_field() {
        String email = unique("ada");
        Http.Response created = http.post("/api/people", """
                {"name":"Ada Lovelace","email":"%s","discipline":"ENGINEERING","track":"IC","level":"IC2"}""".formatted(email));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/people/" + id);

        Http.Response fetched = http.get("/api/people/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"0\"");
        JsonNode person = fetched.json();
        assertThat(person.get("id").asText()).isEqualTo(id);
        assertThat(person.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(person.get("email").asText()).isEqualTo(email);
        assertThat(person.get("discipline").asText()).isEqualTo("ENGINEERING");
        assertThat(person.get("track").asText()).isEqualTo("IC");
        assertThat(person.get("level").asText()).isEqualTo("IC2");
        assertThat(person.get("title").asText()).isEqualTo("Associate Engineer");
        assertThat(person.has("managerId")).isTrue();
        assertThat(person.get("readiness").asText()).isEqualTo("NOT_YET");
        assertThat(person.get("version").asLong()).isZero();
    }

    @Test
    void a_report_names_an_existing_manager() {
        String managerId = http.post("/api/people", """
                {"name":"Grace","email":"%s","discipline":"ENGINEERING","track":"MANAGER","level":"M1"}""".formatted(unique("grace")))
                .json().get("id").asText();

        Http.Response report = http.post("/api/people", """
                {"name":"Alan","email":"%s","discipline":"PRODUCT","track":"IC","level":"IC1","managerId":"%s"}"""
                .formatted(unique("alan"), managerId));

        assertThat(report.status()).isEqualTo(201);
        assertThat(report.json().get("managerId").asText()).isEqualTo(managerId);
        assertThat(report.json().get("title").asText()).isEqualTo("Product Manager");
    }

    @Test
    void invalid_fields_are_a_400_problem_naming_each_field() {
        Http.Response response = http.post("/api/people", """
                {"name":"","email":"not-an-email","discipline":"ENGINEERING","track":"IC","level":"IC2"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).endsWith("/problems/validation");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "email");
    }

    @Test
    void an_unknown_enum_value_is_a_400_problem() {
        Http.Response response = http.post("/api/people", """
                {"name":"X","email":"%s","discipline":"MARKETING","track":"IC","level":"IC2"}""".formatted(unique("x")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("discipline");
    }

    @Test
    void a_level_of_another_track_is_a_400_problem() {
        Http.Response response = http.post("/api/people", """
                {"name":"X","email":"%s","discipline":"ENGINEERING","track":"IC","level":"M2"}""".formatted(unique("x")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("level");
    }

    @Test
    void a_second_registration_with_the_same_email_is_a_409_problem() {
        String email = unique("twice");
        assertThat(http.post("/api/people", """
                {"name":"Once","email":"%s","discipline":"ENGINEERING","track":"IC","level":"IC0"}""".formatted(email)).status())
                .isEqualTo(201);

        Http.Response again = http.post("/api/people", """
                {"name":"Twice","email":"%s","discipline":"ENGINEERING","track":"IC","level":"IC0"}""".formatted(email.toUpperCase()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).endsWith("/problems/email-already-registered");
    }

    @Test
    void an_unknown_person_is_a_404_problem() {
        Http.Response response = http.get("/api/people/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void malformed_json_is_a_400_problem_without_internals() {
        Http.Response response = http.post("/api/people", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "com.fasterxml", "at com.");
    }
}
