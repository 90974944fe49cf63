package io.jwtbridge.oidc;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the authorize endpoint, before Spring Security: an authorize request over
 * {@value #MAX_BYTES} bytes (query string or form body) is refused with {@code 400} and an RFC 6749
 * {@code invalid_request} JSON body (its redirect_uri is not validated yet, so the answer cannot go
 * there), and every parameter OAuth 2.0 / OIDC does not define is dropped (RFC 6749 §3.1: unknown
 * parameters are ignored). Neither the stored authorization (which keeps the request's parameters
 * and URI) nor the login flow can then hold more than what the protocol needs.
 */
final class AuthorizeRequestFilter extends OncePerRequestFilter {

    static final int MAX_BYTES = 8 * 1024;

    static final Set<String> KNOWN = Set.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
            "prompt",
            "max_age",
            "login_hint",
            "ui_locales",
            "claims",
            "acr_values",
            "display",
            "id_token_hint",
            "response_mode",
            "resource");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if ((query != null && query.length() > MAX_BYTES)
                || request.getContentLengthLong() > MAX_BYTES
                || decodedSize(request.getParameterMap()) > MAX_BYTES) {
            refuse(response);
            return;
        }
        chain.doFilter(new KnownParameters(request), response);
    }

    /** Also catches a body sent without a length (chunked). */
    private static long decodedSize(Map<String, String[]> parameters) {
        long size = 0;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                size += parameter.getKey().length() + value.length() + 2;
            }
        }
        return size;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"error\":\"invalid_request\",\"error_description\":\"the authorize request is larger than "
                                + MAX_BYTES + " bytes\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The request as the Authorization Server and the login see it: known parameters only. */
    private static final class KnownParameters extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        KnownParameters(HttpServletRequest request) {
            super(request);
            Map<String, String[]> known = new LinkedHashMap<>();
            request.getParameterMap().forEach((name, values) -> {
                if (KNOWN.contains(name)) {
                    known.put(name, values);
                }
            });
            this.parameters = Collections.unmodifiableMap(known);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
