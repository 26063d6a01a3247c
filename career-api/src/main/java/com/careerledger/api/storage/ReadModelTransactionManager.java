package com.careerledger.api.storage;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Transactions of the read models' event processors commit without waiting for the WAL flush
 * ({@code synchronous_commit = off}). Safe because a read model commits its rows and its token together: a crash
 * can lose only the last few such commits, rows and token alike, and the events are then simply processed again.
 * What it buys: a command's own commit no longer queues behind one fsync per read model.
 * <p>
 * Only transactions this manager starts are relaxed. One that joins an existing transaction (a subscribing
 * processor inside a command) is left alone: an acknowledged command is always durable.
 */
@Component
public class ReadModelTransactionManager implements TransactionManager {

    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;

    public ReadModelTransactionManager(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        if (status.isNewTransaction()) {
            try {
                jdbc.execute("SET LOCAL synchronous_commit TO OFF");
            } catch (RuntimeException e) {
                // the connection died (the database went away): end the transaction begun above, or it would stay
                // bound to this processor thread with its dead connection, and every later batch would join it
                try {
                    transactions.rollback(status);
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction() && !status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
