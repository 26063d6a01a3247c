package com.careerledger.api.security;

import com.careerledger.api.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile closes the OpenAPI document and Swagger UI to unauthenticated callers (they list every
 * operation, admin ones too); the embedded default keeps them open
 * ({@code AuthenticationTest.the_api_document_is_public_in_the_embedded_default}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
class ProductionProfileTest {

    @LocalServerPort
    int port;

    @Test
    void the_api_document_and_swagger_ui_need_credentials() {
        Http anonymous = new Http(port).anonymous();
        for (String path : new String[]{"/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html"}) {
            Http.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain("/api/admin");
        }
        Http.Response document = new Http(port).get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).contains("/api/admin/projections");
        assertThat(anonymous.get("/actuator/health").status()).as("health stays public").isEqualTo(200);
    }
}
