package com.careerledger.api.concurrency;

import com.careerledger.api.concurrency.storage.IdempotencyKeys;

import com.careerledger.api.concurrency.storage.IdempotencyKeys.Claim;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.Claimed;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.Completed;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.InProgress;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.Reused;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.Scope;
import com.careerledger.api.concurrency.storage.IdempotencyKeys.StoredResponse;
import com.careerledger.api.error.Failures;
import com.careerledger.api.error.Problems;
import com.careerledger.api.security.CurrentActor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.NonNull;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST} writes with an {@code Idempotency-Key}: the first request with a key runs and its response (status,
 * body, {@code Location}, {@code ETag}) is stored; a retry with the same key and body gets that response again and
 * runs nothing. The same key with another body is a 422, a retry while the first still runs a 409. Keys are scoped
 * to the acting principal, the method and the path, and expire after {@code career.idempotency.ttl}. A response
 * of 500 or more is not kept: the key is released so a retry runs again.
 * <p>
 * The request's commands mark the key applied in their own transaction ({@link IdempotentCommands}). So when the
 * first request died (or answered 5xx) after its command committed, a retry runs the request again with the
 * command's recorded result in its place ({@link IdempotentRequest}): it appends nothing and answers as the first
 * run would have.
 *
 * <p>Registered after Spring Security's filter chain, so the acting principal is known and a refused request never
 * reaches this filter. The body is read whole before the request runs (its hash decides replay or 422), and
 * replayed to the application from memory.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 200;
    /** Bodies of writes are small JSON documents; a larger one is refused rather than held in memory. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Beyond any path of this API; keeps the stored scope within the index's limits. */
    static final int MAX_PATH_LENGTH = 1000;
    /** The response headers a replay repeats. */
    static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final CurrentActor actor;

    public IdempotencyFilter(IdempotencyKeys keys, CurrentActor actor) {
        this.keys = keys;
        this.actor = actor;
    }

    @Override
    protected boolean shouldNotFilter(@NonNull HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || request.getRequestURI().length() > MAX_PATH_LENGTH;
    }

    @Override
    protected void doFilterInternal(@NonNull HttpServletRequest request, @NonNull HttpServletResponse response,
                                    @NonNull FilterChain chain) throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        String key = values.get(0);
        if (values.size() != 1 || !wellFormed(key)) {
            problem(request, response, Problems.invalid(HEADER,
                    "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters, sent once"), null);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            problem(request, response, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Body too large",
                    "a request body may have at most " + MAX_BODY_BYTES + " bytes"), null);
            return;
        }
        Scope scope = new Scope(actor.id(), request.getMethod(), request.getRequestURI(), key);
        Claim claim;
        try {
            claim = keys.claim(scope, sha256(body));
        } catch (DataAccessException e) {
            if (!Failures.databaseUnavailable(e)) {
                throw e;
            }
            log.warn("Database unavailable for an idempotency key: {}", e.getMessage());
            problem(request, response, Problems.databaseUnavailableProblem(), Problems.DATABASE_RETRY_AFTER_SECONDS);
            return;
        }
        if (claim instanceof Claimed claimed) {
            if (!claimed.fresh()) {
                log.info("Running an applied request again to answer it: {} {}", request.getMethod(), request.getRequestURI());
            }
            request.setAttribute(IdempotentRequest.ATTRIBUTE, new IdempotentRequest(claimed));
            run(new CachedBodyRequest(request, body), response, chain, scope, claimed);
        } else if (claim instanceof Completed completed) {
            replay(completed.response(), response);
        } else if (claim instanceof Reused) {
            problem(request, response, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency key reused",
                    "this " + HEADER + " was first sent with a different body; use a new key for a new request"), null);
        } else if (claim instanceof InProgress) {
            problem(request, response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                    "Idempotency key in progress",
                    "the first request with this " + HEADER + " is still running; retry shortly to get its result"),
                    "1");
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Scope scope,
                     Claimed claim) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, recorded);
            int status = recorded.getStatus();
            if (status < 500) {
                kept = keep(scope, claim, recorded, status);
            }
        } finally {
            if (!kept) {
                release(scope, claim);
            }
        }
        recorded.copyBodyToResponse();
    }

    private boolean keep(Scope scope, Claimed claim, ContentCachingResponseWrapper recorded, int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = HttpHeaders.CONTENT_TYPE.equals(name) ? recorded.getContentType() : recorded.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        try {
            keys.complete(scope, claim.id(), new StoredResponse(status, headers, recorded.getContentAsByteArray()));
            return true;
        } catch (RuntimeException e) {
            // the write itself went through: answer it; the key is let go as soon as the database can be reached, and
            // a retry then runs the request again without sending its commands a second time
            log.warn("Could not store the response of an idempotent request: {}", e.getMessage());
            keys.releaseLater(scope, claim.id());
            return true;
        }
    }

    private void release(Scope scope, Claimed claim) {
        try {
            keys.release(scope, claim.id());
        } catch (RuntimeException e) {
            // typically the database went away during the request: a retry must not find the key "in progress" for
            // a minute after it is back
            log.warn("Could not release an idempotency key after a failed request (will retry): {}", e.getMessage());
            keys.releaseLater(scope, claim.id());
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
                                String retryAfter) throws IOException {
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        Problems.write(request, response, problem);
    }

    static boolean wellFormed(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The request with its body read once, served again from memory to the rest of the chain. */
    static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
