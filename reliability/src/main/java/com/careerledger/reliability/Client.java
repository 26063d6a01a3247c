package com.careerledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** HTTP against one instance, as its clients talk to it: Basic authentication, JSON, bounded waits. */
final class Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answer. {@code status} 0: no answer at all (connection refused or reset, or no answer within the timeout).
     */
    record Answer(int status, String body, HttpResponse<String> raw, long startedNanos, long endedNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw == null ? null : raw.headers().firstValue(name).orElse(null);
        }

        double seconds() {
            return (endedNanos - startedNanos) / 1e9;
        }

        String problemType() {
            if (body == null || !body.contains("\"type\"")) {
                return "";
            }
            try {
                String type = json().path("type").asText("");
                return type.substring(type.lastIndexOf('/') + 1);
            } catch (RuntimeException e) {
                return "";
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;
    private final Duration timeout;

    Client(int port, String username, String password, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer anonymousGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    private Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response, started, System.nanoTime());
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e), null, started, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", null, started, System.nanoTime());
        }
    }
}
