package com.careerledger.bench;

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
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The load generator's HTTP client: plain blocking HTTP/1.1 over one keep-alive socket per client thread, as wrk's
 * or pgbench's clients are to their servers — the least client work per request, so that the figure is about the
 * server. {@code java.net.http.HttpClient} (still used by {@link HttpApi} for the benchmark's own calls) costs a
 * selector thread, futures and hand-offs per request, and the load generator runs in the server's JVM, on the same
 * two cores. Understands what the application sends: a status line, headers, and a body framed by
 * {@code Content-Length} or chunked.
 */
final class LoadHttp implements AutoCloseable {

    private final int port;
    private final String authorization;
    private final Queue<Connection> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();

    LoadHttp(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    HttpApi.Response get(String path) throws IOException {
        return exchange("GET", path, null);
    }

    HttpApi.Response post(String path, String json) throws IOException {
        return exchange("POST", path, json.getBytes(StandardCharsets.UTF_8));
    }

    private HttpApi.Response exchange(String method, String path, byte[] body) throws IOException {
        Connection c = mine.get();
        if (c == null || c.closed) {
            c = new Connection(port);
            all.add(c);
            mine.set(c);
        }
        boolean reused = c.served > 0;
        try {
            return c.exchange(method, path, body, authorization);
        } catch (StaleConnection e) {
            c.close();
            if (!reused) {
                throw e;
            }
            // the server closed a connection that sat idle past its keep-alive timeout before it read this
            // request (nothing came back): send it again on a new connection, as HTTP clients do
            Connection fresh = new Connection(port);
            all.add(fresh);
            mine.set(fresh);
            return fresh.exchange(method, path, body, authorization);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The connection was closed before any byte of the answer came back. */
    private static final class StaleConnection extends EOFException {
        StaleConnection() {
            super("connection closed by the server before it answered");
        }
    }

    @Override
    public void close() {
        all.forEach(Connection::close);
        all.clear();
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String host;
        private volatile boolean closed;
        private int served;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            host = "127.0.0.1:" + port;
        }

        HttpApi.Response exchange(String method, String path, byte[] body, String authorization) throws IOException {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append("\r\n")
                    .append("Authorization: ").append(authorization).append("\r\n")
                    .append("Accept: application/json\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = body == null ? headBytes : concat(headBytes, body);
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new StaleConnection();
            }
            in.mark(1);
            if (in.read() < 0) {
                throw new StaleConnection();
            }
            in.reset();
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
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
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].trim(), 16)) {
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
            served++;
            if (closeAfter) {
                close();
            }
            return new HttpApi.Response(status, content.toString(StandardCharsets.UTF_8));
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
                    throw new EOFException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
