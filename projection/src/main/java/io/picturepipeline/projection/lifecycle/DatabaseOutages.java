package io.picturepipeline.projection.lifecycle;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Which failures say "the database is not there right now" rather than "this record is wrong": the projection waits
 * those out, retrying the same records, and never dead-letters a good lifecycle event because PostgreSQL was down.
 */
final class DatabaseOutages {

    /** SQL states of a lost or refused connection or an overloaded or restarting server. */
    private static final Set<String> OUTAGE_CLASSES = Set.of("08", "53", "57P");

    private DatabaseOutages() {}

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || (cause instanceof SQLException sql && outageState(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean outageState(String state) {
        return state != null && OUTAGE_CLASSES.stream().anyMatch(state::startsWith);
    }
}
