package io.picturepipeline.ingest.outbox;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import java.util.List;
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

    private final OutboxMessageRepository messages;
    private final EventCodec codec;
    private final ImmediatePublisher immediate;

    Outbox(OutboxMessageRepository messages, EventCodec codec, ImmediatePublisher immediate) {
        this.messages = messages;
        this.codec = codec;
        this.immediate = immediate;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(PipelineEvent event, List<String> topics) {
        byte[] payload = codec.encode(event);
        List<Long> ids = topics.stream()
                .map(topic -> messages.save(new OutboxMessage(event.generationId(), topic, event.type(), payload))
                        .id())
                .toList();
        immediate.publishAfterCommit(ids);
    }
}
