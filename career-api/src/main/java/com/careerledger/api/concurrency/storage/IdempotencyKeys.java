package com.careerledger.api.concurrency.storage;

import com.careerledger.api.concurrency.IdempotencyKeyTakenOverException;

import com.careerledger.api.concurrency.IdempotencyProperties;

import com.careerledger.api.concurrency.CommandResults;
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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The durable record of {@code Idempotency-Key}s (table {@code idempotency_keys}): who sent which key to which
 * method and path, the SHA-256 of the body, and once the first request is done, its status, selected headers and
 * body. Claiming, completing and releasing a key commit on their own, with the database's clock, so several
 * instances agree on what is in progress and what has expired. {@link #recordApplied} is different: it runs in the
 * transaction of the request's command (see {@link IdempotentCommands}), so the key is marked applied exactly when
 * the command's events are stored, and a command whose request no longer holds the key stores nothing.
 */
@Component
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final TypeReference<List<CommandResults.Recorded>> RESULTS = new TypeReference<>() {
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

    /**
     * This request holds the key and runs; {@code id} tells its claim apart from a later takeover. {@code requestId}
     * names the logical request (the ids it makes up derive from it). {@code results} are the recorded results of
     * commands a first run of the request applied before it died: a run with results sends none of those again.
     */
    public record Claimed(UUID id, UUID requestId, List<CommandResults.Recorded> results) implements Claim {
        public Claimed {
            results = List.copyOf(results);
        }

        /** A first run, or a run again of a request of which nothing was applied. */
        public boolean fresh() {
            return results.isEmpty();
        }
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
    private final Queue<PendingRelease> pendingReleases = new ConcurrentLinkedQueue<>();

    public IdempotencyKeys(JdbcTemplate jdbc, ObjectMapper json, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Claims the key for a request with this body hash, or says why not. An expired key, and a key whose first
     * request was abandoned (still in progress after {@code in-progress-timeout}: its process died) before anything
     * of it was applied, are taken over as new. A key whose request was applied but never answered (the process died
     * between its command's commit and its response, or the response was a 5xx) is taken over with the results of
     * its commands, for the request to run again without sending them.
     */
    public Claim claim(Scope scope, byte[] requestHash) {
        long ttl = properties.ttl().toMillis();
        long abandonedAfter = properties.inProgressTimeout().toMillis();
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID id = UUID.randomUUID();
            int inserted = jdbc.update("""
                            INSERT INTO idempotency_keys (principal, method, path, idempotency_key, request_sha256,
                                                          claim_id, request_id, created_at, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, now(), now() + ? * INTERVAL '1 millisecond')
                            ON CONFLICT (principal, method, path, idempotency_key) DO NOTHING""",
                    scope.principal(), scope.method(), scope.path(), scope.key(), requestHash, id, id, ttl);
            if (inserted == 1) {
                return new Claimed(id, id, List.of());
            }
            // one winner: a concurrent update re-checks the condition against the row the other one left (and waits
            // for a command's transaction that holds the row to commit: it may just have applied the request)
            int takenOver = jdbc.update("""
                            UPDATE idempotency_keys
                            SET request_sha256 = ?, claim_id = ?, request_id = ?, status = NULL, response_headers = NULL,
                                response_body = NULL, applied_at = NULL, command_results = NULL, created_at = now(),
                                expires_at = now() + ? * INTERVAL '1 millisecond'
                            WHERE %s AND (
                                (status IS NOT NULL AND expires_at <= now())
                                OR (status IS NULL AND applied_at IS NULL
                                    AND (claim_id IS NULL OR created_at <= now() - ? * INTERVAL '1 millisecond')))"""
                            .formatted(SCOPE),
                    requestHash, id, id, ttl, scope.principal(), scope.method(), scope.path(), scope.key(),
                    abandonedAfter);
            if (takenOver == 1) {
                log.info("Idempotency key taken over as new (expired or abandoned): {} {}", scope.method(), scope.path());
                return new Claimed(id, id, List.of());
            }
            List<Claimed> resumed = jdbc.query("""
                            UPDATE idempotency_keys SET claim_id = ?, created_at = now()
                            WHERE %s AND status IS NULL AND applied_at IS NOT NULL AND request_sha256 = ?
                              AND (claim_id IS NULL OR created_at <= now() - ? * INTERVAL '1 millisecond')
                            RETURNING request_id, command_results::text AS results""".formatted(SCOPE),
                    (rs, i) -> new Claimed(id, rs.getObject("request_id", UUID.class), results(rs.getString("results"))),
                    id, scope.principal(), scope.method(), scope.path(), scope.key(), requestHash, abandonedAfter);
            if (!resumed.isEmpty()) {
                log.info("Idempotency key of an applied request that was never answered taken over: {} {} runs again "
                        + "without its {} command(s)", scope.method(), scope.path(), resumed.get(0).results().size());
                return resumed.get(0);
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
            if (!existing.isEmpty() && existing.get(0) instanceof InProgress && !pendingReleases.isEmpty()) {
                // perhaps held by a request of this instance that failed while the database was away, whose release
                // is still pending: the database answers again, so release now rather than make the retry wait
                int pending = pendingReleases.size();
                releasePending();
                if (pendingReleases.size() < pending) {
                    continue;
                }
            }
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            // deleted between our statements (clean-up, or a failed first request): try again
        }
        throw new IllegalStateException("could not claim an idempotency key that keeps changing");
    }

    /**
     * In the transaction of a command sent by the request holding {@code claim}: marks the key applied and records
     * the command's result as the {@code index}-th of the request. Refuses (and so rolls the command back) if the
     * request no longer holds the key (a retry took it over) or this command's result is already recorded.
     */
    public void recordApplied(UUID claim, int index, CommandResults.Recorded result) {
        int updated = jdbc.update("""
                        UPDATE idempotency_keys
                        SET applied_at = coalesce(applied_at, now()),
                            command_results = coalesce(command_results, '[]'::jsonb) || jsonb_build_array(?::jsonb)
                        WHERE claim_id = ? AND status IS NULL
                          AND coalesce(jsonb_array_length(command_results), 0) = ?""",
                json(result), claim, index);
        if (updated != 1) {
            throw new IdempotencyKeyTakenOverException();
        }
    }

    /** Records the first response, for retries to replay. */
    public void complete(Scope scope, UUID claim, StoredResponse response) {
        jdbc.update("""
                        UPDATE idempotency_keys SET status = ?, response_headers = ?::jsonb, response_body = ?
                        WHERE %s AND claim_id = ?""".formatted(SCOPE),
                response.status(), json(response.headers()), response.body(),
                scope.principal(), scope.method(), scope.path(), scope.key(), claim);
    }

    /**
     * The request failed on our side (5xx). If nothing of it was applied, the key is forgotten: a retry runs as new.
     * If its command was applied, the key is let go but kept: a retry runs it again without sending the command.
     */
    public void release(Scope scope, UUID claim) {
        int deleted = jdbc.update("DELETE FROM idempotency_keys WHERE %s AND claim_id = ? AND applied_at IS NULL"
                        .formatted(SCOPE), scope.principal(), scope.method(), scope.path(), scope.key(), claim);
        if (deleted == 0) {
            jdbc.update("UPDATE idempotency_keys SET claim_id = NULL WHERE %s AND claim_id = ?".formatted(SCOPE),
                    scope.principal(), scope.method(), scope.path(), scope.key(), claim);
        }
    }

    /**
     * Releases the key once the database can be reached again ({@link #releasePending}): for a request that failed
     * because the database went away, so that its retry need not wait for the in-progress timeout.
     */
    public void releaseLater(Scope scope, UUID claim) {
        pendingReleases.add(new PendingRelease(scope, claim));
    }

    /** Retries the releases that failed; a key taken over meanwhile is left alone (its claim changed). */
    @Scheduled(initialDelay = 1000, fixedDelay = 1000)
    public void releasePending() {
        for (PendingRelease pending; (pending = pendingReleases.peek()) != null; ) {
            try {
                release(pending.scope(), pending.claim());
            } catch (RuntimeException e) {
                return; // still unreachable: next time
            }
            pendingReleases.remove(pending);
        }
    }

    private record PendingRelease(Scope scope, UUID claim) {
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

    private List<CommandResults.Recorded> results(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, RESULTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
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
