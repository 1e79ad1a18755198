package io.picturepipeline.ingest.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "PostgreSQL is unreachable" apart from a bug, wherever in the cause chain it shows: no connection from the
 * pool, a connection lost mid-transaction (SQLSTATE class 08, or a commit or rollback the connection refused),
 * the server shutting down (57P01..57P03).
 */
final class DatabaseFailures {

    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseFailures() {}

    static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof TransactionException && cause.getCause() instanceof SQLException) {
                // commit or rollback against the JDBC connection failed: the connection is gone
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || SHUTDOWN_STATES.contains(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
