package io.picturepipeline.download;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns of owners' cancels from {@code pipeline.lifecycle} (its own group): only {@code GenerationCancelled}
 * matters, everything else is passed over unread; an undecodable record is skipped (dead-lettering lifecycle records
 * is the projection's job).
 */
@Component
class CancellationListener {

    static final String GROUP = "download-consumer-cancellations";
    private static final Logger log = LoggerFactory.getLogger(CancellationListener.class);
    private static final String CANCELLED = GenerationCancelled.class.getSimpleName();

    private final EventCodec codec;
    private final CancelledGenerations cancelled;

    CancellationListener(EventCodec codec, CancelledGenerations cancelled) {
        this.codec = codec;
        this.cancelled = cancelled;
    }

    @KafkaListener(
            id = GROUP,
            groupId = GROUP,
            topics = Topics.LIFECYCLE,
            concurrency = "1",
            properties = "max.poll.records=500")
    void onLifecycleEvent(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        if (type != null && !CANCELLED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        PipelineEvent event;
        try {
            event = codec.decode(record.value());
        } catch (RuntimeException e) {
            log.debug(
                    "skipping undecodable lifecycle record {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        if (event instanceof GenerationCancelled cancel) {
            log.info("generation {}: cancelled by its owner, its download is skipped", cancel.generationId());
            cancelled.record(cancel);
        }
    }
}
