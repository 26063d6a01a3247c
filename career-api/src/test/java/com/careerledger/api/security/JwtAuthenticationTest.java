package com.careerledger.api.security;

import com.careerledger.api.testsupport.Http;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode: an OAuth2 resource server. Real RS256 tokens, signed here with a key whose public half the
 * application is given; issuer, audience, expiry and signature are all checked. No identity provider needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class JwtAuthenticationTest {

    static final String ISSUER = "https://id.example.test";
    static final KeyPair KEYS = rsa();
    static final KeyPair OTHER_KEYS = rsa();

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("issuer", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("career.security.mode", () -> "jwt");
        registry.add("career.security.jwt.issuer", () -> ISSUER);
        registry.add("career.security.jwt.audience", () -> "career-ledger");
        registry.add("career.security.jwt.public-key", () -> "file:" + pem);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(KeyPair keys, String issuer, String audience, Instant expires, String subject, List<String> roles,
                        UUID personId) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                    .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires))
                    .claim("roles", roles);
            if (personId != null) {
                claims.claim("person_id", personId.toString());
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Http bearer(String token) {
        return new Http(port).withAuthorization("Bearer " + token);
    }

    String valid(String subject, List<String> roles, UUID personId) {
        return token(KEYS, ISSUER, "career-ledger", Instant.now().plusSeconds(600), subject, roles, personId);
    }

    @Test
    void roles_and_person_come_from_the_claims_and_the_subject_is_the_actor(CapturedOutput output) {
        String adminToken = valid("admin-sub-1", List.of("ADMIN"), null);
        Http admin = bearer(adminToken);
        Http.Response created = admin.post("/api/people", """
                {"name":"Jo Token","email":"jo-%s@example.com","discipline":"PRODUCT","track":"IC","level":"IC2"}"""
                .formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        UUID jo = UUID.fromString(created.json().get("id").asText());
        String actor = jdbc.queryForObject("SELECT meta_data ->> 'actor' FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, jo.toString());
        assertThat(actor).isEqualTo("admin-sub-1");
        UUID other = UUID.fromString(admin.post("/api/people", """
                {"name":"Someone Else","email":"else-%s@example.com","discipline":"PRODUCT","track":"IC","level":"IC2"}"""
                .formatted(UUID.randomUUID())).json().get("id").asText());

        String employeeToken = valid("jo-sub", List.of("EMPLOYEE"), jo);
        Http employee = bearer(employeeToken);
        assertThat(employee.get("/api/people/" + jo).status()).isEqualTo(200);
        assertThat(employee.get("/api/people/" + other).status()).isEqualTo(404);
        assertThat(employee.post("/api/people", "{}").status()).isEqualTo(403);
        assertThat(employee.get("/api/accounts/me").json().get("personId").asText()).isEqualTo(jo.toString());

        // tokens never reach the log or the event store
        assertThat(output.getAll()).doesNotContain(adminToken, employeeToken, "Bearer ey");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload::text LIKE '%eyJ%' "
                + "OR meta_data::text LIKE '%eyJ%' OR meta_data::text ILIKE '%authorization%'", Long.class)).isZero();
    }

    @Test
    void expired_foreign_and_misaddressed_tokens_are_refused_with_a_bearer_challenge() {
        Instant later = Instant.now().plusSeconds(600);
        List<String> refused = List.of(
                token(KEYS, ISSUER, "career-ledger", Instant.now().minusSeconds(120), "s", List.of("ADMIN"), null),
                token(KEYS, "https://evil.example.test", "career-ledger", later, "s", List.of("ADMIN"), null),
                token(KEYS, ISSUER, "some-other-service", later, "s", List.of("ADMIN"), null),
                token(OTHER_KEYS, ISSUER, "career-ledger", later, "s", List.of("ADMIN"), null),
                "not-a-token");
        for (String token : refused) {
            Http.Response r = bearer(token).get("/api/people");
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(new Http(port).anonymous().get("/api/people").status()).isEqualTo(401);
        // HTTP Basic is not a way in when tokens are configured
        assertThat(new Http(port).get("/api/people").status()).isEqualTo(401);
        assertThat(bearer(valid("s", List.of("ADMIN"), null)).get("/api/people").status()).isEqualTo(200);
    }
}
