package com.careerledger.api.deadletters;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** What kind of failure a handler's exception is: one that retrying later may cure, or one in the data. */
final class Failures {

    /**
     * SQLSTATE classes of failures outside the event being handled: 08 connection, 40 transaction rollback
     * (serialization, deadlock), 53 insufficient resources, 57 operator intervention (shutdown), 58 system error.
     */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("08", "40", "53", "57", "58");

    private Failures() {
    }

    /**
     * Whether the failure lies with the database or the moment — the connection, a deadlock, a shutdown — rather
     * than with the event: then the event must not be parked, the processor retries it (with its back-off) instead.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransactionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_STATES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure came from the database: the transaction around it may be unusable afterwards. */
    static boolean fromDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof org.springframework.dao.DataAccessException
                    || t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }

    /** The deepest cause: for a payload that cannot be read, the parser's own message says where. */
    static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
