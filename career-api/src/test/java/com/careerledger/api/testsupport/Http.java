package com.careerledger.api.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client against the running application: tests go through the real network stack. Every response is
 * checked against the published OpenAPI document ({@link DocumentedResponses}).
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The bootstrap admin of the test configuration (config/application.properties). */
    public static final String ADMIN_PASSWORD = "test-admin-password-1";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** A client authenticated as the bootstrap admin. */
    public Http(int port) {
        this(port, basic("admin", ADMIN_PASSWORD));
    }

    private Http(int port, String authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    /** The id this client's account is recorded under as the actor of its writes. */
    public String actorId() {
        return get("/api/accounts/me").json().get("id").asText();
    }

    public static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Http as(String username, String password) {
        return new Http(port(), basic(username, password));
    }

    public Http withAuthorization(String authorizationHeader) {
        return new Http(port(), authorizationHeader);
    }

    public Http anonymous() {
        return new Http(port(), null);
    }

    private int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, an optional JSON body, and extra headers (If-Match, Idempotency-Key, …) in name, value pairs. */
    public Response request(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Any method with raw bytes: {@code contentType} null sends no Content-Type, {@code body} null sends no body.
     * With {@code chunked}, the body is streamed without a Content-Length (Transfer-Encoding: chunked).
     */
    public Response requestBytes(String method, String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Response requestBytes(String method, String path, String contentType, byte[] body) {
        return requestBytes(method, path, contentType, body, false);
    }

    public Response send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            HttpRequest sent = request.timeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString());
            DocumentedResponses.check(sent.method(), sent.uri(), response.statusCode(), response.headers().map(),
                    response.body());
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
