package com.careerledger.api.contract;

import com.careerledger.api.config.OpenApiConfiguration;
import com.careerledger.api.testsupport.DocumentedResponses;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is published as a file, {@code docs/openapi.json}, equal to the one the application serves;
 * each published document has its own {@code info.version}, recorded with the digest of its content in
 * {@code docs/openapi-versions.txt}: a change to the document without a new version fails here.
 *
 * <p>After a change to the API: raise {@link OpenApiConfiguration#VERSION} (the minor for an addition; the major is
 * the contract's) and run this test with {@code -Dopenapi.write} to write the file and record the version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests leave metrics export off unless asked: the published document is the one the application
// serves as it runs, /actuator/prometheus included
@AutoConfigureObservability
class OpenApiFileTest {

    static final Path VERSIONS = Path.of("..", "docs", "openapi-versions.txt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    @Test
    void the_published_document_is_the_served_one_and_its_version_names_its_content() throws Exception {
        JsonNode served = served();
        String version = served.path("info").path("version").asText();
        String digest = digestWithoutVersion(served);
        if (Boolean.getBoolean("openapi.write")) {
            write(served, version, digest);
        }

        assertThat(version).as("info.version: the contract's major (v1), then minor and patch")
                .matches("1\\.\\d+\\.\\d+").isEqualTo(OpenApiConfiguration.VERSION);
        assertThat(Files.exists(DocumentedResponses.DOCUMENT))
                .as("%s is missing: run OpenApiFileTest with -Dopenapi.write", DocumentedResponses.DOCUMENT).isTrue();
        assertThat(JSON.readTree(DocumentedResponses.DOCUMENT.toFile()))
                .as("%s differs from the served document: raise OpenApiConfiguration.VERSION if the API changed, "
                        + "then run OpenApiFileTest with -Dopenapi.write", DocumentedResponses.DOCUMENT)
                .isEqualTo(served);
        assertThat(recordedVersions())
                .as("each published version names one document: %s records %s with the digest of its content; a "
                        + "changed document needs a new version", VERSIONS, version)
                .containsEntry(version, digest);
    }

    @Test
    void the_served_document_is_the_same_at_every_request() throws Exception {
        assertThat(served()).isEqualTo(served());
    }

    private JsonNode served() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String digestWithoutVersion(JsonNode document) throws IOException, NoSuchAlgorithmException {
        ObjectNode copy = document.deepCopy();
        ((ObjectNode) copy.get("info")).remove("version");
        byte[] canonical = SORTED.writeValueAsBytes(JSON.treeToValue(copy, Object.class));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    }

    private static Map<String, String> recordedVersions() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        if (Files.exists(VERSIONS)) {
            for (String line : Files.readAllLines(VERSIONS)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && !line.startsWith("#")) {
                    versions.put(parts[0], parts[1]);
                }
            }
        }
        return versions;
    }

    private static void write(JsonNode served, String version, String digest) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(DocumentedResponses.DOCUMENT,
                JSON.writer(pretty).writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
        Map<String, String> versions = recordedVersions();
        String recorded = versions.get(version);
        if (recorded != null && !recorded.equals(digest)) {
            throw new AssertionError("version " + version + " was published with other content: raise "
                    + "OpenApiConfiguration.VERSION first");
        }
        if (recorded == null) {
            List<String> lines = Files.exists(VERSIONS) ? Files.readAllLines(VERSIONS) : List.of(
                    "# Each published OpenAPI document (docs/openapi.json): its info.version and the SHA-256 of its",
                    "# content without that version (keys sorted). Written by OpenApiFileTest -Dopenapi.write.");
            Files.write(VERSIONS, java.util.stream.Stream.concat(lines.stream(),
                    java.util.stream.Stream.of(version + " " + digest)).toList(), StandardCharsets.UTF_8);
        }
    }
}
