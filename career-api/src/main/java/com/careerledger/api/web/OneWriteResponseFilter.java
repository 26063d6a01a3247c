package com.careerledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * An answer that fits the server's response buffer (8 KB) goes out in one write, with a {@code Content-Length}.
 * Spring MVC flushes the stream once a body is written (and Jackson flushes it before that); each flush commits the
 * response, so every JSON answer went out as headers and a chunk, then the closing chunk: two or three socket writes,
 * with their system calls, per request. Here flushes before the request ends are not passed on: the server sends the
 * buffer when the request is done, or as it fills when the body is larger (then chunked, as before).
 * <p>
 * Nothing in the API streams: no answer needs its parts to leave early.
 */
public class OneWriteResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Unflushed(response));
    }

    private static final class Unflushed extends HttpServletResponseWrapper {

        private ServletOutputStream out;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FlushAtEnd(super.getOutputStream());
            }
            return out;
        }
    }

    private static final class FlushAtEnd extends ServletOutputStream {

        private final ServletOutputStream target;

        FlushAtEnd(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() {
            // sent when the request is done (or as the buffer fills)
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
