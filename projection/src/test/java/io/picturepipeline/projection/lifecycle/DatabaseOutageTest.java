package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A PostgreSQL outage holds the lifecycle topic up; it never sends good events to the dead-letter topic. */
class DatabaseOutageTest extends ProjectionIntegrationTest {

    private static final String DATABASE = "picture";

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void reopenTheDatabase() throws SQLException {
        admin("alter database " + DATABASE + " allow_connections true");
    }

    @Test
    void eventsPublishedWhileTheDatabaseRefusesConnectionsAreAppliedOnceItIsBackAndNoneIsDeadLettered()
            throws SQLException {
        UUID id = UUID.randomUUID();
        double failedAttempts = unavailable();
        admin("alter database " + DATABASE + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");

        lifecycle().publish(Histories.completed(id));

        await("attempts that found the database down")
                .atMost(Duration.ofSeconds(60))
                .until(() -> unavailable() >= failedAttempts + 3);
        admin("alter database " + DATABASE + " allow_connections true");

        await("the history applied").atMost(Duration.ofSeconds(90)).until(() -> "completed".equals(status(id)));
        assertThat(generation(id).orElseThrow()).containsEntry("attempts", 3);
        assertThat(lifecycle().deadLetters(id.toString())).isEmpty();
    }

    private double unavailable() {
        return meters.get("projection.database.unavailable").counter().count();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = TestInfrastructure.shared().postgres().connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
