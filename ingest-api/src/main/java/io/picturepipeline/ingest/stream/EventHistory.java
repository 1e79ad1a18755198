package io.picturepipeline.ingest.stream;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What already happened, from the view of its processed-events log the projection publishes for us,
 * {@code projection.generation_event_v1}: every applied lifecycle event with its partition and offset (events the
 * projection refused, a second terminal fact, are not in it: they are not history). Without the projection's tables there is no history, only the
 * live feed and its recent records.
 */
@Component
class EventHistory {

    private static final Logger log = LoggerFactory.getLogger(EventHistory.class);
    private static final String UNDEFINED_TABLE = "42P01";

    private final JdbcClient jdbc;
    private final EventCodec codec;

    EventHistory(JdbcClient jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** Every event of one generation, in offset order. */
    List<LifecycleRecord> ofGeneration(UUID generationId, String owner) {
        return read(
                jdbc.sql("""
                                select e.kafka_partition, e.kafka_offset, e.payload::text, cast(:owner as text) as owner
                                from projection.generation_event_v1 e
                                where e.generation_id = :id and e.kafka_topic = :topic
                                order by e.kafka_offset
                                """).param("id", generationId).param("owner", owner).param("topic", Topics.LIFECYCLE));
    }

    /** Every event of the given generations (a batch's), by partition and offset. */
    List<LifecycleRecord> ofGenerations(List<UUID> generationIds, String owner) {
        return read(jdbc.sql("""
                                select e.kafka_partition, e.kafka_offset, e.payload::text, cast(:owner as text) as owner
                                from projection.generation_event e
                                where e.generation_id = any(cast(:ids as uuid[]))
                                  and e.kafka_topic = :topic and e.refused_reason is null
                                order by e.kafka_partition, e.kafka_offset
                                """)
                .param("ids", generationIds.stream().map(UUID::toString).toArray(String[]::new))
                .param("owner", owner)
                .param("topic", Topics.LIFECYCLE));
    }

    /** Every event of the owner's generations updated since {@code since}, by partition and offset. */
    List<LifecycleRecord> ofOwner(String owner, Instant since) {
        return read(jdbc.sql("""
                                select e.kafka_partition, e.kafka_offset, e.payload::text, g.owner
                                from projection.generation_v1 g
                                join projection.generation_event_v1 e on e.generation_id = g.id
                                where g.owner = :owner and g.updated_at >= :since and e.kafka_topic = :topic
                                order by e.kafka_partition, e.kafka_offset
                                """)
                .param("owner", owner)
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .param("topic", Topics.LIFECYCLE));
    }

    private List<LifecycleRecord> read(JdbcClient.StatementSpec query) {
        try {
            return query
                    .query((rs, row) -> {
                        PipelineEvent event = decode(rs.getString(3));
                        return event == null
                                ? null
                                : new LifecycleRecord(rs.getInt(1), rs.getLong(2), event, rs.getString(4));
                    })
                    .list()
                    .stream()
                    .filter(Objects::nonNull)
                    .toList();
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
                log.debug("no projection history yet: {}", sql.getMessage());
                return List.of();
            }
            throw e;
        }
    }

    private PipelineEvent decode(String payload) {
        try {
            return codec.decode(payload.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable event in projection.generation_event_v1: {}", e.getMessage());
            return null;
        }
    }
}
