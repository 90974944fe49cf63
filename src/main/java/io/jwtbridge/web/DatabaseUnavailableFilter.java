package io.jwtbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While PostgreSQL cannot be reached (a restart, a fail-over), every request that needs it answers
 * {@code 503} with {@code Retry-After} and OAuth's {@code temporarily_unavailable}, instead of a 500:
 * a client, a WAF or a load balancer can tell "try again" from "broken", and nothing was written.
 * Runs before every other filter, so it also covers the Authorization Server's endpoints.
 */
public final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    static final String BODY = "{\"error\":\"temporarily_unavailable\","
            + "\"error_description\":\"the bridge cannot reach its database; try again in a moment\"}";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException ex) {
            Throwable unavailable = DatabaseUnavailable.causeIn(ex);
            if (unavailable == null || response.isCommitted()) {
                throw ex;
            }
            log.warn(
                    "Database unavailable, answered 503: {}",
                    unavailable.getClass().getSimpleName());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "1");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.getWriter().write(BODY);
        }
    }
}
