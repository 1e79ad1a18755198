package io.picturepipeline.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.picturepipeline.infra.PostgresServer;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database migrated before V1 lost its schema prefixes still starts; any other change to V1 still fails. */
class ReadModelMigrationsTest {

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void aDatabaseMigratedWithTheOldV1() {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(postgres.ensureDatabase("picture_v1")));
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setSchema("projection");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("drop schema if exists projection cascade");
        flyway("classpath:db/migration-before-issue-6").migrate();
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void theOldV1ChecksumIsRealignedAndTheLaterMigrationsApply() {
        Flyway flyway = flyway("classpath:db/migration/projection");

        ReadModelMigrations.realignV1(flyway);
        flyway.migrate();

        assertThat(jdbc.queryForObject(
                        "select checksum from projection.flyway_schema_history where version = '1'", Integer.class))
                .isEqualTo(ReadModelMigrations.V1_CHECKSUM);
        assertThat(jdbc.queryForObject("select count(*) from projection.queue_health", Integer.class))
                .isEqualTo(4);
    }

    @Test
    void aV1WithAnyOtherChecksumStillFailsValidation() {
        jdbc.update("update projection.flyway_schema_history set checksum = 42 where version = '1'");
        Flyway flyway = flyway("classpath:db/migration/projection");

        ReadModelMigrations.realignV1(flyway);

        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayValidateException.class);
    }

    private Flyway flyway(String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas("projection")
                .locations(location)
                .placeholders(Map.of("analyst_password", "analyst"))
                .load();
    }
}
