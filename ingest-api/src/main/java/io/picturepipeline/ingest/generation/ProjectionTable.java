package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.IngestSettings;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the projection's published read model ({@code projection.generation_v1}, a view of its table) exists. Another service migrates it, so it
 * may appear after the ingest-api started (or vanish in a rebuild): a missing table is looked for again at most
 * every {@code pipeline.ingest.read.projection-recheck}, and readers fall back to the accepted requests meanwhile.
 */
@Component
class ProjectionTable {

    static final String UNDEFINED_TABLE = "42P01";
    private static final Logger log = LoggerFactory.getLogger(ProjectionTable.class);

    private final JdbcClient jdbc;
    private final long recheckNanos;
    private volatile boolean present;
    private volatile long nextCheck = System.nanoTime();

    ProjectionTable(JdbcClient jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        this.recheckNanos = settings.read().projectionRecheck().toNanos();
    }

    boolean available() {
        if (present) {
            return true;
        }
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + recheckNanos;
        Boolean exists = jdbc.sql("select to_regclass('projection.generation_v1') is not null")
                .query(Boolean.class)
                .single();
        present = Boolean.TRUE.equals(exists);
        if (present) {
            log.info("projection.generation_v1 found: reading generations from the projection");
        } else {
            log.info("projection.generation_v1 does not exist (yet): serving accepted requests as queued");
        }
        return present;
    }

    /** True (and remembered) when {@code e} says the table is gone. */
    boolean isMissing(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
            present = false;
            nextCheck = System.nanoTime() + recheckNanos;
            log.warn("projection.generation_v1 disappeared: serving accepted requests as queued");
            return true;
        }
        return false;
    }
}
