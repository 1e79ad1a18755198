package io.picturepipeline.ingest.stream;

import io.picturepipeline.ingest.Lifecycle;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plays the projection's processed-events log: writes {@code projection.generation_event} rows. */
final class History {

    private History() {}

    static void record(JdbcClient jdbc, UUID generationId, int partition, long offset, PipelineEvent event) {
        jdbc.sql("""
                        insert into projection.generation_event
                            (event_id, generation_id, type, occurred_at, payload, kafka_topic, kafka_partition,
                             kafka_offset, recorded_at)
                        values (:eventId, :generationId, :type, :occurredAt, cast(:payload as jsonb), :topic,
                                :partition, :offset, now())
                        """)
                .param("eventId", event.eventId())
                .param("generationId", generationId)
                .param("type", event.type())
                .param("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .param("payload", new String(Lifecycle.encode(event), StandardCharsets.UTF_8))
                .param("topic", Topics.LIFECYCLE)
                .param("partition", partition)
                .param("offset", offset)
                .update();
    }
}
