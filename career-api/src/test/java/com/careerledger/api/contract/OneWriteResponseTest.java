package com.careerledger.api.contract;

import com.careerledger.api.testsupport.Http;
import com.careerledger.api.testsupport.RawHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON answer that fits the response buffer goes out whole, with its length ({@code OneWriteResponseFilter}),
 * not as chunks flushed one by one; a larger one still arrives whole, chunked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OneWriteResponseTest {

    @LocalServerPort
    int port;

    @Test
    void a_small_answer_carries_its_length_and_is_not_chunked() {
        RawHttp.Response r = RawHttp.get("127.0.0.1", port, "/api/accounts/me",
                Http.basic("admin", Http.ADMIN_PASSWORD));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("transfer-encoding")).isNull();
        assertThat(r.header("content-length"))
                .isEqualTo(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(r.body()).contains("\"username\":\"admin\"");
    }

    @Test
    void an_answer_larger_than_the_buffer_still_arrives_whole() throws Exception {
        RawHttp.Response r = RawHttp.get("127.0.0.1", port, "/v3/api-docs", Http.basic("admin", Http.ADMIN_PASSWORD));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().length()).isGreaterThan(64 * 1024);
        assertThat(new ObjectMapper().readTree(r.body()).get("paths").size()).isGreaterThan(10);
    }
}
