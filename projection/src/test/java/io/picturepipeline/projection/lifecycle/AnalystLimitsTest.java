package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.infra.PostgresServer;
import io.picturepipeline.projection.ProjectionSettings;
import io.picturepipeline.projection.analysts.AnalystWatchdog;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the {@code analyst} role that an analyst session cannot lift: a statement past the watchdog's limit
 * is cancelled even after {@code SET statement_timeout = 0}, and the role's connection limit refuses one session too
 * many. The watchdog runs as the projection's database user of this test (the superuser of the shared PostgreSQL).
 */
class AnalystLimitsTest extends ProjectionIntegrationTest {

    private static final String QUERY_CANCELED = "57014";
    private static final String TOO_MANY_CONNECTIONS = "53300";

    private final AnalystWatchdog watchdog = new AnalystWatchdog(
            jdbcOfTheSuperuser(), new ProjectionSettings.Analysts(Duration.ofSeconds(3), Duration.ofMillis(500), 2));

    @AfterEach
    void stopTheWatchdog() {
        watchdog.stop();
        new AnalystWatchdog(
                        jdbcOfTheSuperuser(),
                        new ProjectionSettings.Analysts(Duration.ofSeconds(60), Duration.ofSeconds(2), 10))
                .limitConnections();
    }

    @Test
    void anAnalystWhoLiftsTheStatementTimeoutIsStillCancelledAtTheLimit() throws SQLException {
        watchdog.start();
        try (Connection analyst = analyst();
                Statement statement = analyst.createStatement()) {
            statement.execute("set statement_timeout = 0");
            Instant started = Instant.now();

            assertThatThrownBy(() -> statement.execute("select pg_sleep(120)"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            cancelled -> assertThat(cancelled.getSQLState())
                                    .as(cancelled.getMessage())
                                    .isEqualTo(QUERY_CANCELED));
            assertThat(Duration.between(started, Instant.now()))
                    .as("ran at least the limit, and was ended long before its two minutes")
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(60));
            assertThat(statement.executeQuery("select 1").next())
                    .as("only the statement ends, not the session")
                    .isTrue();
        }
    }

    @Test
    void theConnectionPastTheRolesLimitIsRefused() throws SQLException {
        assertThat(watchdog.limitConnections()).isTrue();
        List<Connection> open = new ArrayList<>();
        try {
            open.add(analyst());
            open.add(analyst());

            assertThatThrownBy(AnalystLimitsTest::analyst)
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            refused -> assertThat(refused.getSQLState())
                                    .as(refused.getMessage())
                                    .isEqualTo(TOO_MANY_CONNECTIONS));
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    private static Connection analyst() throws SQLException {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl("picture"), "analyst", "analyst");
    }

    private static org.springframework.jdbc.core.simple.JdbcClient jdbcOfTheSuperuser() {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        return org.springframework.jdbc.core.simple.JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        postgres.jdbcUrl("picture"), postgres.username(), postgres.password()));
    }
}
