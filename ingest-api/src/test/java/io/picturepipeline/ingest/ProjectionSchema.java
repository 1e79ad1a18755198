package io.picturepipeline.ingest;

import io.picturepipeline.infra.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The projection's schema as the projection's own migrations make it: they are on this module's test class path
 * (see the pom), so the tests read the views the projection really publishes, not a copy of them.
 */
public final class ProjectionSchema {

    private ProjectionSchema() {}

    public static void migrate(PostgresServer postgres, String database) {
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password())
                .schemas("projection")
                .locations("classpath:db/migration/projection")
                .placeholders(Map.of("analyst_password", ""))
                .load()
                .migrate();
    }

    /** As before the projection first started: no schema, nothing to read. */
    public static void drop(PostgresServer postgres, String database) {
        try (Connection connection = postgres.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists projection cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the projection's schema", e);
        }
    }
}
