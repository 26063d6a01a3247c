package com.careerledger.api.error;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What kind of failure an exception is, wherever it surfaced: the event store, Axon's unit of work and Spring's
 * transactions each wrap the database's own exception in theirs, so the whole cause chain is looked at.
 */
public final class Failures {

    /**
     * SQLSTATEs of "the database is not there": class 08 (connection exception) and the operator intervention codes
     * of a server shutting down, crashed, or starting ({@code 57P01}, {@code 57P02}, {@code 57P03}).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private Failures() {
    }

    /**
     * Another writer appended to the aggregate first (its next sequence number was taken, or its stream was created
     * meanwhile). Nothing of this command was stored; run again on fresh state, it may well succeed. A version
     * conflict with the request's If-Match is not one: retrying cannot change the version the client expects.
     */
    public static boolean lostRace(Throwable failure) {
        boolean lost = false;
        for (Throwable t : chain(failure)) {
            if (t instanceof ConflictingModificationException) {
                return false;
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                lost = true;
            }
        }
        return lost;
    }

    /** The database cannot be reached (down, restarting, or no connection free in time). */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            // HikariCP closes a connection it found broken (the database went away under a running request) and
            // answers every later use of it with this, without a SQLSTATE
            if (t instanceof SQLException sql && sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage())
                    && sql.getStackTrace().length > 0
                    && sql.getStackTrace()[0].getClassName().startsWith("com.zaxxer.hikari.")) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes (a JDBC batch's next exception counts as one), each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < 64; ) {
            chain.add(t);
            t = t instanceof SQLException sql && t.getCause() == null ? sql.getNextException() : t.getCause();
        }
        return chain;
    }
}
