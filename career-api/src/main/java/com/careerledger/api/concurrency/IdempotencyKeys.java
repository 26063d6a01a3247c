package com.careerledger.api.concurrency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable record of {@code Idempotency-Key}s (table {@code idempotency_keys}): who sent which key to which
 * method and path, the SHA-256 of the body, and once the first request is done, its status, selected headers and
 * body. Every statement commits on its own, outside the command's transaction, with the database's clock, so
 * several instances agree on what is in progress and what has expired.
 */
@Component
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    /** Who sent a key, to which method and path: a key means something only within its scope. */
    public record Scope(String principal, String method, String path, String key) {
    }

    /** A first response, as it is replayed. */
    public record StoredResponse(int status, Map<String, String> headers, byte[] body) {
    }

    /** What became of an attempt to claim a key. */
    public sealed interface Claim permits Claimed, Completed, InProgress, Reused {
    }

    /** This request holds the key and runs; {@code id} tells its claim apart from a later takeover. */
    public record Claimed(UUID id) implements Claim {
    }

    /** The key's first request is done: replay its response. */
    public record Completed(StoredResponse response) implements Claim {
    }

    /** The key's first request is still running. */
    public record InProgress() implements Claim {
    }

    /** The key was first sent with another body. */
    public record Reused() implements Claim {
    }

    private static final String SCOPE = "principal = ? AND method = ? AND path = ? AND idempotency_key = ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final IdempotencyProperties properties;

    public IdempotencyKeys(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Claims the key for a request with this body hash, or says why not. An expired key, and a key whose first
     * request was abandoned (still in progress after {@code in-progress-timeout}), are taken over as new.
     */
    public Claim claim(Scope scope, byte[] requestHash) {
        long ttl = properties.ttl().toMillis();
        long abandonedAfter = properties.inProgressTimeout().toMillis();
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID id = UUID.randomUUID();
            int inserted = jdbc.update("""
                            INSERT INTO idempotency_keys (principal, method, path, idempotency_key, request_sha256,
                                                          claim_id, created_at, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, now(), now() + ? * INTERVAL '1 millisecond')
                            ON CONFLICT (principal, method, path, idempotency_key) DO NOTHING""",
                    scope.principal(), scope.method(), scope.path(), scope.key(), requestHash, id, ttl);
            if (inserted == 1) {
                return new Claimed(id);
            }
            // one winner: a concurrent update re-checks the condition against the row the other one left
            int takenOver = jdbc.update("""
                            UPDATE idempotency_keys
                            SET request_sha256 = ?, claim_id = ?, status = NULL, response_headers = NULL,
                                response_body = NULL, created_at = now(), expires_at = now() + ? * INTERVAL '1 millisecond'
                            WHERE %s AND (
                                (status IS NOT NULL AND expires_at <= now())
                                OR (status IS NULL AND created_at <= now() - ? * INTERVAL '1 millisecond'))"""
                            .formatted(SCOPE),
                    requestHash, id, ttl, scope.principal(), scope.method(), scope.path(), scope.key(), abandonedAfter);
            if (takenOver == 1) {
                log.info("Idempotency key taken over as new (expired or abandoned): {} {}", scope.method(), scope.path());
                return new Claimed(id);
            }
            List<Claim> existing = jdbc.query("""
                            SELECT request_sha256, status, response_headers::text AS headers, response_body
                            FROM idempotency_keys WHERE %s""".formatted(SCOPE),
                    (rs, i) -> {
                        if (!Arrays.equals(rs.getBytes("request_sha256"), requestHash)) {
                            return new Reused();
                        }
                        int status = rs.getInt("status");
                        if (rs.wasNull()) {
                            return new InProgress();
                        }
                        return new Completed(new StoredResponse(status, headers(rs.getString("headers")),
                                rs.getBytes("response_body")));
                    },
                    scope.principal(), scope.method(), scope.path(), scope.key());
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            // deleted between our statements (clean-up, or a failed first request): try again
        }
        throw new IllegalStateException("could not claim an idempotency key that keeps changing");
    }

    /** Records the first response, for retries to replay. */
    public void complete(Scope scope, UUID claim, StoredResponse response) {
        jdbc.update("""
                        UPDATE idempotency_keys SET status = ?, response_headers = ?::jsonb, response_body = ?
                        WHERE %s AND claim_id = ?""".formatted(SCOPE),
                response.status(), json(response.headers()), response.body(),
                scope.principal(), scope.method(), scope.path(), scope.key(), claim);
    }

    /** Forgets the key (the first request failed on our side): a retry runs as new. */
    public void release(Scope scope, UUID claim) {
        jdbc.update("DELETE FROM idempotency_keys WHERE %s AND claim_id = ?".formatted(SCOPE),
                scope.principal(), scope.method(), scope.path(), scope.key(), claim);
    }

    /** Deletes expired keys; a request still running keeps its key until it is abandoned. */
    @Scheduled(initialDelayString = "${career.idempotency.cleanup-interval:10m}",
            fixedDelayString = "${career.idempotency.cleanup-interval:10m}")
    public int deleteExpired() {
        int deleted = jdbc.update("""
                        DELETE FROM idempotency_keys
                        WHERE expires_at <= now()
                          AND (status IS NOT NULL OR created_at <= now() - ? * INTERVAL '1 millisecond')""",
                properties.inProgressTimeout().toMillis());
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency keys", deleted);
        }
        return deleted;
    }

    private String json(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> headers(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
