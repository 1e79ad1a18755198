package io.picturepipeline.ingest.fuzz;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the ingest-api has stored, counted: a refused request must leave every count where it was (or lower:
 * housekeeping deletes) and add no outbox row (none above the sequence's value before it; the relay deletes rows once
 * published, so the rows of others come and go).
 */
record StoredRows(
        long requests,
        long idempotencyKeys,
        long cancellations,
        long tickets,
        long webhookEndpoints,
        long outboxSequence) {

    static StoredRows count(JdbcClient jdbc) {
        return new StoredRows(
                count(jdbc, "select count(*) from ingest.generation_request"),
                count(jdbc, "select count(*) from ingest.idempotency_key"),
                count(jdbc, "select count(*) from ingest.cancellation"),
                count(jdbc, "select count(*) from ingest.stream_ticket"),
                count(jdbc, "select count(*) from ingest.webhook_endpoint"),
                count(jdbc, "select last_value from ingest.outbox_id_seq"));
    }

    /** What grew since {@code before}; empty when nothing did. */
    static List<String> grownSince(StoredRows before, JdbcClient jdbc) {
        StoredRows after = count(jdbc);
        long outbox = jdbc.sql("select count(*) from ingest.outbox where id > ?")
                .param(before.outboxSequence)
                .query(Long.class)
                .single();
        return after.grownSince(before, outbox);
    }

    private List<String> grownSince(StoredRows before, long newOutboxRows) {
        List<String> grown = new ArrayList<>();
        if (requests > before.requests) {
            grown.add("generation_request +" + (requests - before.requests));
        }
        if (idempotencyKeys > before.idempotencyKeys) {
            grown.add("idempotency_key +" + (idempotencyKeys - before.idempotencyKeys));
        }
        if (cancellations > before.cancellations) {
            grown.add("cancellation +" + (cancellations - before.cancellations));
        }
        if (tickets > before.tickets) {
            grown.add("stream_ticket +" + (tickets - before.tickets));
        }
        if (webhookEndpoints > before.webhookEndpoints) {
            grown.add("webhook_endpoint +" + (webhookEndpoints - before.webhookEndpoints));
        }
        if (newOutboxRows > 0) {
            grown.add("outbox +" + newOutboxRows);
        }
        return grown;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
