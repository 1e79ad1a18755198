package io.picturepipeline.ingest.outbox;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of the transactional outbox: an event is stored in the caller's transaction, one row per topic
 * (a {@code GenerationRequested} is two rows, generate and lifecycle, each acknowledged and retried on its own).
 * Nothing is sent before the commit; after it the rows are published at once and, failing that, by the
 * {@link OutboxRelay}.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final ImmediatePublisher immediate;

    Outbox(JdbcClient jdbc, EventCodec codec, ImmediatePublisher immediate) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.immediate = immediate;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(PipelineEvent event, List<String> topics) {
        byte[] payload = codec.encode(event);
        // one statement for all of the event's rows
        List<Long> ids = jdbc.sql("""
                        insert into ingest.outbox (generation_id, topic, event_type, payload)
                        select :generationId, topic, :type, :payload from unnest(:topics) as topic
                        returning id
                        """)
                .param("generationId", event.generationId())
                .param("type", event.type())
                .param("payload", payload)
                .param("topics", topics.toArray(String[]::new))
                .query(Long.class)
                .list();
        immediate.publishAfterCommit(ids);
    }

    /** Many events (a batch's), each to every one of {@code topics}: one statement, however many rows. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueAll(List<? extends PipelineEvent> events, List<String> topics) {
        enqueueAll(events, topics, null, Map.of());
    }

    /**
     * As {@link #enqueueAll(List, List)}, with {@code with} (one or more {@code name as (insert …)} of the caller, its
     * parameters in {@code withParameters}) run by the same statement: the rows the events are about and the events
     * themselves in one round trip. PostgreSQL runs a data-modifying {@code with} to completion whether or not the
     * insert reads it, and a failure of either fails both.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueAll(
            List<? extends PipelineEvent> events,
            List<String> topics,
            @Nullable String with,
            Map<String, ?> withParameters) {
        List<Long> ids = jdbc.sql((with == null ? "" : "with " + with) + """
                        insert into ingest.outbox (generation_id, topic, event_type, payload)
                        select e.generation_id, t.topic, e.event_type, convert_to(e.payload, 'UTF8')
                        from unnest(cast(:generationIds as uuid[]), cast(:types as text[]), cast(:payloads as text[]))
                                 with ordinality as e(generation_id, event_type, payload, n)
                        cross join unnest(cast(:topics as text[])) with ordinality as t(topic, m)
                        order by e.n, t.m
                        returning id
                        """)
                .param(
                        "generationIds",
                        events.stream()
                                .map(event -> event.generationId().toString())
                                .toArray(String[]::new))
                .param("types", events.stream().map(PipelineEvent::type).toArray(String[]::new))
                // the codec writes UTF-8 JSON: passed as text, stored as the very same bytes
                .param(
                        "payloads",
                        events.stream()
                                .map(event -> new String(codec.encode(event), StandardCharsets.UTF_8))
                                .toArray(String[]::new))
                .param("topics", topics.toArray(String[]::new))
                .params(withParameters)
                .query(Long.class)
                .list();
        immediate.publishAfterCommit(ids);
    }
}
