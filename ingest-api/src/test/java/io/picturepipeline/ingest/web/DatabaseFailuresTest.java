package io.picturepipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseFailuresTest {

    @Test
    void noConnectionFromThePoolIsAnOutage() {
        assertThat(DatabaseFailures.isUnavailable(new CannotCreateTransactionException(
                        "no connection", new SQLTransientConnectionException("timed out"))))
                .isTrue();
    }

    @Test
    void aConnectionLostMidTransactionIsAnOutageHoweverDeepItIsWrapped() {
        SQLException closed = new SQLException("This connection has been closed.", "08003");
        RuntimeException lostMidway =
                new JpaSystemException(new RuntimeException("could not execute statement", closed));
        // what Spring reports when the rollback after a lost connection fails too (the pool's SQLException has no
        // state)
        RuntimeException rollbackFailure = new JpaSystemException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(DatabaseFailures.isUnavailable(lostMidway)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(rollbackFailure)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("terminating connection", "57P01")))
                .isTrue();
    }

    @Test
    void aBugIsNotAnOutage() {
        assertThat(DatabaseFailures.isUnavailable(
                        new BadSqlGrammarException("select", "selec 1", new SQLException("syntax error", "42601"))))
                .isFalse();
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("boom")))
                .isFalse();
    }
}
