package io.jwtbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A database that cannot be reached is a 503 "try again", never a 500; other failures pass. */
class DatabaseUnavailableFilterTests {

    static MockHttpServletResponse through(RuntimeException thrown) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailableFilter()
                .doFilter(new MockHttpServletRequest("GET", "/oauth/v2/authorize"), response, (request, res) -> {
                    throw thrown;
                });
        return response;
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndTemporarilyUnavailable() throws Exception {
        MockHttpServletResponse response =
                through(new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("\"error\":\"temporarily_unavailable\"");
    }

    @Test
    void noConnectionFromThePoolIsAlso503() throws Exception {
        assertThat(through(new CannotGetJdbcConnectionException("pool timeout")).getStatus())
                .isEqualTo(503);
    }

    @Test
    void aCauseWrappedInAServletExceptionIsFound() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailableFilter().doFilter(new MockHttpServletRequest(), response, (request, res) -> {
            throw new ServletException(new IllegalStateException(new DataAccessResourceFailureException("down")));
        });

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void otherFailuresAreNotHidden() {
        assertThatThrownBy(() -> through(new DataIntegrityViolationException("duplicate")))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
