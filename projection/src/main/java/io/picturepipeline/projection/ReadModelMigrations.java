package io.picturepipeline.projection;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the read model's schema is migrated at startup. The live service migrates {@code projection}; in the rebuild
 * mode the rebuild migrates a fresh {@code projection_rebuild} itself, after dropping what an earlier run left.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelMigrations {

    private static final Logger log = LoggerFactory.getLogger(ReadModelMigrations.class);

    /**
     * V1 lost its {@code projection.} prefixes (issue 6) so that a rebuild can migrate another schema with the same
     * files. A schema migrated before keeps V1's old checksum; it is set to the new one, for V1 only and only when it
     * is exactly the old file's, so any other change to a migration still fails validation.
     */
    static final int V1_CHECKSUM_BEFORE = -1438706514;

    static final int V1_CHECKSUM = -1656917376;

    @Bean
    FlywayMigrationStrategy readModelMigration(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("rebuild"))) {
            return flyway -> log.info("rebuild mode: the rebuild migrates a fresh schema itself");
        }
        return flyway -> {
            realignV1(flyway);
            flyway.migrate();
        };
    }

    static void realignV1(Flyway flyway) {
        var configuration = flyway.getConfiguration();
        String schema = configuration.getDefaultSchema() != null
                ? configuration.getDefaultSchema()
                : configuration.getSchemas()[0];
        String history = schema + "." + configuration.getTable();
        JdbcTemplate jdbc = new JdbcTemplate(configuration.getDataSource());
        if (Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, history))) {
            int realigned = jdbc.update(
                    "update " + history + " set checksum = ? where version = '1' and checksum = ?",
                    V1_CHECKSUM,
                    V1_CHECKSUM_BEFORE);
            if (realigned > 0) {
                log.info("{}: V1's checksum realigned after its schema prefixes were removed", history);
            }
        }
    }
}
