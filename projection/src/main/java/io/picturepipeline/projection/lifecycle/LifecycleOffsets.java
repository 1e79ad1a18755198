package io.picturepipeline.projection.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code lifecycle_offset}: per partition of the lifecycle topic, the last offset applied and the newest event time
 * applied from it, for the {@code projection_lag} view. Both only move forward, so a redelivery changes nothing.
 */
@Component
class LifecycleOffsets {

    private static final String UPSERT = """
            insert into lifecycle_offset as o (kafka_topic, kafka_partition, last_offset, last_event_at, applied_at)
            values (?, ?, ?, ?, ?)
            on conflict (kafka_topic, kafka_partition) do update set
                last_offset = greatest(o.last_offset, excluded.last_offset),
                last_event_at = greatest(o.last_event_at, excluded.last_event_at),
                applied_at = excluded.applied_at
            """;

    private final JdbcTemplate jdbc;

    LifecycleOffsets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every event of the batch, applied or seen before: the projection is past all of them. */
    void record(List<RecordedEvent> events, Instant now) {
        // in partition order, so two batches never wait on each other's rows in a cycle
        Map<String, RecordedEvent> latest = new TreeMap<>();
        Map<String, Instant> newest = new TreeMap<>();
        for (RecordedEvent event : events) {
            String key = event.topic() + "-" + event.partition();
            latest.merge(key, event, (a, b) -> a.offset() >= b.offset() ? a : b);
            newest.merge(key, GenerationRules.micros(event.event().occurredAt()), (a, b) -> a.isAfter(b) ? a : b);
        }
        jdbc.batchUpdate(
                UPSERT,
                latest.entrySet().stream()
                        .map(e -> new Object[] {
                            e.getValue().topic(),
                            e.getValue().partition(),
                            e.getValue().offset(),
                            Timestamps.of(newest.get(e.getKey())),
                            Timestamps.of(now)
                        })
                        .toList());
    }
}
