package com.careerledger.api.storage;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A read-model transaction whose first statement fails (its connection died with the database) is ended at once.
 * Left open, it stayed bound to the processor's thread, every later batch joined it and failed on its dead
 * connection, and the read models never resumed after the database came back (found by the fault suite
 * database-outage; the end-to-end proof is that scenario).
 */
class ReadModelTransactionManagerTest {

    @Test
    void a_transaction_whose_first_statement_fails_is_rolled_back_before_the_failure_is_passed_on() {
        PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
        TransactionStatus status = mock(TransactionStatus.class);
        when(status.isNewTransaction()).thenReturn(true);
        when(transactions.getTransaction(any())).thenReturn(status);
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        doThrow(new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"))
                .when(jdbc).execute(anyString());

        assertThatThrownBy(() -> new ReadModelTransactionManager(transactions, jdbc).startTransaction())
                .isInstanceOf(DataAccessResourceFailureException.class);
        verify(transactions).rollback(status);
    }
}
