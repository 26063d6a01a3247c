package com.careerledger.api.web;

import com.careerledger.api.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Limits checked before any controller runs.
 * <ul>
 *   <li>A body larger than {@code career.http.max-body-size} is refused with 413: at once when its
 *       {@code Content-Length} says so, and, for a body without one (chunked), as soon as reading passes the limit
 *       ({@link BodyTooLargeException}, answered as 413 by the problem handler).</li>
 *   <li>A query parameter holding a control character (other than tab, line feed, carriage return) is refused with
 *       400: such text would only reach the database, which cannot store {@code \u0000}.</li>
 * </ul>
 */
public class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBodySize;

    public RequestLimitsFilter(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** Reading a body went past the limit. An {@link IOException}, because it is thrown from {@code read}. */
    public static final class BodyTooLargeException extends IOException {

        private final long limit;

        public BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    public static ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                "a request body may hold at most " + limit + " bytes");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String badParameter = parameterWithControlCharacters(request.getQueryString());
        if (badParameter != null) {
            Problems.write(response, Problems.invalid(badParameter, "must not contain control characters"));
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBodySize) {
            Problems.write(response, tooLarge(maxBodySize));
            return;
        }
        try {
            chain.doFilter(length < 0 ? new LimitedRequest(request, maxBodySize) : request, response);
        } catch (BodyTooLargeException e) {
            // a filter read the body before any controller (the idempotency filter keeps it): answered here, as a
            // controller's read is answered by the problem handler
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            Problems.write(response, tooLarge(e.limit()));
        }
    }

    /** The name of the first query parameter whose name or value holds a control character, or null. */
    static String parameterWithControlCharacters(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (StrictJsonModule.problemWith(name) != null || StrictJsonModule.problemWith(value) != null) {
                String shown = StrictJsonModule.problemWith(name) == null ? name : "query";
                return shown.isEmpty() ? "query" : shown;
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a broken %-escape is not a control character; the container ignores such parameters
        }
    }

    /** A request whose body cannot be read past the limit. */
    static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new java.io.UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
