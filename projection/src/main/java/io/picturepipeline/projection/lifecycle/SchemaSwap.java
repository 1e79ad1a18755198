package io.picturepipeline.projection.lifecycle;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The schemas of a rebuild: a fresh {@code projection_rebuild}, migrated by the same Flyway files as the live
 * {@code projection}, and the swap that makes it the live one in one transaction.
 */
@Component
class SchemaSwap {

    static final String LIVE = "projection";
    static final String REBUILT = "projection_rebuild";
    static final String PREVIOUS = "projection_previous";

    private static final Logger log = LoggerFactory.getLogger(SchemaSwap.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SchemaSwap(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Drops what an earlier, unfinished rebuild left and migrates an empty {@code projection_rebuild}. */
    void recreate(Flyway flyway) {
        String target = flyway.getConfiguration().getSchemas()[0];
        if (!REBUILT.equals(target)) {
            throw new IllegalStateException("a rebuild migrates " + REBUILT + ", not " + target);
        }
        jdbc.execute("drop schema if exists " + REBUILT + " cascade");
        flyway.migrate();
    }

    /**
     * In one transaction: stop the live projection's writes (an EXCLUSIVE lock on the live event log, which every
     * batch writes first; readers go on), run {@code catchUp} (the rebuilt schema takes the rest of the topic, up to
     * its end as of now, so it holds everything the live one does), rename {@code projection} to
     * {@code projection_previous} and {@code projection_rebuild} to {@code projection}. Statements waiting for the
     * lock then find the new tables by name. The previous schema is dropped afterwards.
     */
    void swap(Runnable catchUp, Duration lockTimeout) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("set local lock_timeout = " + lockTimeout.toMillis());
            boolean live = exists(LIVE);
            if (live && tableExists(LIVE + ".generation_event")) {
                jdbc.execute("lock table " + LIVE + ".generation_event in exclusive mode");
            }
            catchUp.run();
            jdbc.execute("drop schema if exists " + PREVIOUS + " cascade");
            if (live) {
                jdbc.execute("alter schema " + LIVE + " rename to " + PREVIOUS);
            }
            jdbc.execute("alter schema " + REBUILT + " rename to " + LIVE);
        });
        log.info("{} is now {}; dropping the previous read model", REBUILT, LIVE);
        jdbc.execute("drop schema if exists " + PREVIOUS + " cascade");
    }

    private boolean exists(String schema) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select from pg_namespace where nspname = ?)", Boolean.class, schema));
    }

    private boolean tableExists(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, table));
    }
}
