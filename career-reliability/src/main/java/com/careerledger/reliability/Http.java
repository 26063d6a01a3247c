package com.careerledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A client of one application instance on 127.0.0.1, authenticated with HTTP Basic as the bootstrap admin: plain
 * blocking HTTP/1.1 over one keep-alive socket per calling thread, after career-bench's LoadHttp (the least client
 * work, so that the suite's load is about the server). Unlike a general client it never sends a request twice: a
 * request whose connection breaks before an answer has an unknown outcome, and the suite counts it as such (a write
 * sent again could be applied twice, which is what the suite looks for). A connection idle for a few seconds is not
 * reused (the server may be closing it), so a broken connection always means the server went away mid-request.
 */
final class Http implements AutoCloseable {

    /** An answer: status, body, the {@code Retry-After} header if any, and how long it took from send to last byte. */
    record Response(int status, String body, String retryAfter, long nanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + abbreviated(body), e);
            }
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_NANOS = Duration.ofSeconds(3).toNanos();

    private final int port;
    private final String authorization;
    private final int readTimeoutMillis;
    private final Queue<Connection> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();

    /** @param user null for anonymous requests (the public health endpoint) */
    Http(int port, String user, String password, Duration readTimeout) {
        this.port = port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.readTimeoutMillis = (int) readTimeout.toMillis();
    }

    int port() {
        return port;
    }

    Response get(String path) throws IOException {
        return exchange("GET", path, null);
    }

    Response post(String path, String json) throws IOException {
        return exchange("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer's JSON, which must come with the expected status. */
    JsonNode expect(int status, Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + " (expected " + status + "): "
                    + abbreviated(response.body()));
        }
        return response.body().isEmpty() ? JSON.nullNode() : response.json();
    }

    private Response exchange(String method, String path, byte[] body) throws IOException {
        Connection c = mine.get();
        if (c != null && (c.closed || System.nanoTime() - c.lastUsed > IDLE_NANOS)) {
            c.close();
            c = null;
        }
        if (c == null) {
            c = new Connection(port, readTimeoutMillis);
            all.add(c);
            mine.set(c);
        }
        try {
            return c.exchange(method, path, body, authorization);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void close() {
        all.forEach(Connection::close);
        all.clear();
    }

    static String abbreviated(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private volatile boolean closed;
        private long lastUsed = System.nanoTime();

        Connection(int port, int readTimeoutMillis) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(readTimeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            host = "127.0.0.1:" + port;
        }

        Response exchange(String method, String path, byte[] body, String authorization) throws IOException {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n")
                    .append("Accept: application/json\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            long start = System.nanoTime();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            String retryAfter = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    case "retry-after" -> retryAfter = value;
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, content);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length, content);
            } else if (status != 204 && status != 304) {
                throw new IOException("a response without Content-Length that is not chunked");
            }
            long nanos = System.nanoTime() - start;
            lastUsed = System.nanoTime();
            if (closeAfter) {
                close();
            }
            return new Response(status, content.toString(StandardCharsets.UTF_8), retryAfter, nanos);
        }

        private long chunkSize() throws IOException {
            return Long.parseLong(line().split(";")[0].trim(), 16);
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new EOFException("connection closed in the middle of a body");
                }
                to.write(buffer, 0, read);
                left -= read;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed by the server before it answered");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket: nothing left to do
            }
        }
    }
}
