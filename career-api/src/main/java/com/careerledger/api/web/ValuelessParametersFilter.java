package com.careerledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query parameter sent without a value ({@code ?page}, {@code ?page=}, {@code ?level=}) means the same as not
 * sending it: for every parameter of every operation (a number, an id, an enum, a text filter, the actuator's),
 * the request is answered as if it were absent, so its default applies and an empty text filter filters on
 * nothing. Done once, here, before anything reads a parameter; empty values of a repeated parameter are dropped
 * and its other values kept.
 */
public class ValuelessParametersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(hasValueless(request.getQueryString()) ? new WithoutValueless(request) : request, response);
    }

    /** Whether some pair of the query has no value: {@code a}, {@code a=}; most requests have none. */
    static boolean hasValueless(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0 || eq == pair.length() - 1) {
                return true;
            }
        }
        return false;
    }

    static final class WithoutValueless extends HttpServletRequestWrapper {

        private Map<String, String[]> parameters;

        WithoutValueless(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                Map<String, String[]> kept = new LinkedHashMap<>();
                super.getParameterMap().forEach((name, values) -> {
                    String[] given = Arrays.stream(values).filter(v -> v != null && !v.isEmpty()).toArray(String[]::new);
                    if (given.length > 0) {
                        kept.put(name, given);
                    }
                });
                parameters = Collections.unmodifiableMap(kept);
            }
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values.clone();
        }
    }
}
