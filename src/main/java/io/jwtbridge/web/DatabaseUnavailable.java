package io.jwtbridge.web;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a failure means "the database cannot be reached for now" (a restart, a fail-over, no
 * connection from the pool): such requests answer 503 with {@code Retry-After}, never 500.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean in(Throwable ex) {
        return causeIn(ex) != null;
    }

    /** The cause that says the database is unreachable for now, or null. */
    static Throwable causeIn(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
