package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.PostgresServer;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code analyst} role, as the projection's migration creates it, connecting with the local profile's password:
 * it reads every view and read-model table, writes nothing, and reads nothing of the ingest-api's schema.
 */
class AnalystRoleTest extends ProjectionIntegrationTest {

    static final List<String> VIEWS = List.of(
            "queue_health",
            "failed_jobs_recent",
            "stuck_jobs",
            "throughput_hourly",
            "model_stats",
            "dead_letter_summary",
            "projection_lag");
    static final List<String> TABLES = List.of(
            "generation",
            "generation_event",
            "dead_letter",
            "generation_hourly",
            "lifecycle_offset",
            "stuck_threshold");

    private static final String PERMISSION_DENIED = "42501";
    private static final String READ_ONLY_TRANSACTION = "25006";

    /** The ingest-api's tables as its own migration creates them: no grants to anyone. */
    @BeforeAll
    static void theIngestApisSchemaExists() throws SQLException {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        try (Connection owner = postgres.connect(postgres.ensureDatabase("picture"));
                Statement statement = owner.createStatement()) {
            statement.execute("create schema if not exists ingest");
            statement.execute("create table if not exists ingest.outbox (id bigserial primary key, payload bytea)");
            statement.execute("create table if not exists ingest.generation_request (id uuid primary key, owner text)");
            statement.execute("insert into ingest.outbox (payload) values ('\\x00')");
        }
    }

    @Test
    void theAnalystReadsEveryViewWithoutASchemaPrefixAndEveryReadModelTable() throws SQLException {
        try (Connection analyst = analyst();
                Statement statement = analyst.createStatement()) {
            for (String view : VIEWS) {
                statement.executeQuery("select * from " + view).close();
            }
            for (String table : TABLES) {
                statement
                        .executeQuery("select * from projection." + table + " limit 1")
                        .close();
            }
        }
    }

    @Test
    void aWriteAsAnalystIsRefusedEvenInAReadWriteTransaction() throws SQLException {
        try (Connection analyst = analyst()) {
            assertThat(sqlState(analyst, "update projection.generation set status = 'failed'"))
                    .isEqualTo(READ_ONLY_TRANSACTION);
            analyst.setAutoCommit(false);
            for (String write : List.of(
                    "update projection.generation set status = 'failed'",
                    "delete from projection.dead_letter",
                    "insert into projection.stuck_threshold values ('queued', interval '1 second')",
                    "update projection.stuck_threshold set threshold = interval '1 second'",
                    "truncate projection.generation_event",
                    "create table projection.mine (id int)",
                    "create table public.mine (id int)",
                    "create view projection.mine as select 1")) {
                try (Statement statement = analyst.createStatement()) {
                    statement.execute("set transaction read write");
                }
                assertThat(sqlState(analyst, write)).as(write).isEqualTo(PERMISSION_DENIED);
                analyst.rollback();
            }
        }
    }

    @Test
    void theAnalystCannotReadTheIngestApisOutboxOrRequests() throws SQLException {
        try (Connection analyst = analyst()) {
            assertThat(sqlState(analyst, "select * from ingest.outbox")).isEqualTo(PERMISSION_DENIED);
            assertThat(sqlState(analyst, "select * from ingest.generation_request"))
                    .isEqualTo(PERMISSION_DENIED);
        }
    }

    @Test
    void theAnalystCannotReadTheProjectionsMigrationHistory() throws SQLException {
        try (Connection analyst = analyst()) {
            assertThat(sqlState(analyst, "select * from projection.flyway_schema_history"))
                    .isEqualTo(PERMISSION_DENIED);
        }
    }

    private static Connection analyst() throws SQLException {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl("picture"), "analyst", "analyst");
    }

    private static String sqlState(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            throw new AssertionError("allowed: " + sql);
        } catch (SQLException refused) {
            return refused.getSQLState();
        }
    }
}
