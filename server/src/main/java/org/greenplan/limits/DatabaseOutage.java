package org.greenplan.limits;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means "the database cannot be reached right now" (restarting, down, the network between us):
 * such a request is answered 503 with Retry-After, not 500, and the pool reconnects by itself once the database
 * is back (a dead pooled connection is found and replaced when it is next borrowed), so the server needs no
 * restart. The pool's wait for a connection is short ({@code spring.datasource.hikari.connection-timeout}), so
 * requests during an outage fail fast instead of piling up.
 */
public final class DatabaseOutage {

    /** Seconds a client is told to wait: a PostgreSQL restart takes a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The problem's title and reason, one wording wherever the outage is met. */
    public static final String TITLE = "Database unavailable";
    public static final String REASON = "the database cannot be reached right now; try again in "
            + RETRY_AFTER_SECONDS + " s";

    private DatabaseOutage() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && (s.getSQLState().startsWith("08")
                    || s.getSQLState().equals("57P01") || s.getSQLState().equals("57P02")
                    || s.getSQLState().equals("57P03"))) {
                // connection exception class; admin shutdown, crash shutdown, cannot connect now
                return true;
            }
        }
        return false;
    }
}
