package io.picturepipeline.ingest.housekeeping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what has expired: idempotency keys past their lifetime and stream tickets never redeemed. Readers already
 * ignore expired rows; this only keeps the tables small. Safe on every instance at once.
 */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;

    Housekeeping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${pipeline.ingest.housekeeping-interval:1m}", initialDelayString = "10s")
    void deleteExpired() {
        try {
            int keys = jdbc.sql("delete from ingest.idempotency_key where expires_at < now()")
                    .update();
            int tickets = jdbc.sql("delete from ingest.stream_ticket where expires_at < now()")
                    .update();
            if (keys + tickets > 0) {
                log.debug("deleted {} expired idempotency keys and {} expired stream tickets", keys, tickets);
            }
        } catch (RuntimeException e) {
            log.warn("deleting expired idempotency keys and stream tickets failed, next run retries: {}", e.toString());
        }
    }
}
