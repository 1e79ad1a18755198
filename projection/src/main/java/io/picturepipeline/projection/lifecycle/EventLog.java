package io.picturepipeline.projection.lifecycle;

import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code generation_event}: the history of every generation and the processed-events log. An event is
 * new exactly when its insert inserted a row; the caller applies only those, in the same transaction.
 */
@Component
class EventLog {

    private static final String INSERT = """
            insert into generation_event
                (event_id, generation_id, type, occurred_at, payload, kafka_topic, kafka_partition, kafka_offset,
                 recorded_at)
            values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
            on conflict (event_id) do nothing
            """;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    EventLog(JdbcTemplate jdbc, JdbcClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    /** Records the events in order and returns the ones not recorded before (a repeat within the list is old). */
    List<RecordedEvent> record(List<RecordedEvent> events, Instant now) {
        OffsetDateTime recordedAt = Timestamps.of(now);
        List<Object[]> rows = events.stream()
                .map(e -> new Object[] {
                    e.event().eventId(),
                    e.event().generationId(),
                    e.event().type(),
                    Timestamps.of(e.event().occurredAt()),
                    e.payload(),
                    e.topic(),
                    e.partition(),
                    e.offset(),
                    recordedAt
                })
                .toList();
        int[] inserted = jdbc.batchUpdate(INSERT, rows);
        List<RecordedEvent> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("the JDBC driver hides insert counts; cannot tell duplicates apart");
            }
            if (inserted[i] > 0) {
                fresh.add(events.get(i));
            }
        }
        return fresh;
    }

    /** Marks events that were recorded but did not change their generation, with the reason. */
    void refuse(Map<UUID, String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "update generation_event set refused_reason = ? where event_id = ?",
                reasons.entrySet().stream()
                        .map(r -> new Object[] {r.getValue(), r.getKey()})
                        .toList());
    }

    /** The recorded type of each of these event ids. */
    Map<UUID, String> typesOf(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        return client
                .sql("select event_id, type from generation_event where event_id in (:ids)")
                .param("ids", eventIds)
                .query((rs, n) -> Map.entry(rs.getObject("event_id", UUID.class), rs.getString("type")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
