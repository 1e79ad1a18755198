package io.picturepipeline.download;

import io.picturepipeline.retry.LifecycleCancels;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Learns of owners' cancels from {@code pipeline.lifecycle} (its own group), through {@link LifecycleCancels}.
 */
@Component
class CancellationListener {

    static final String GROUP = "download-consumer-cancellations";
    private static final Logger log = LoggerFactory.getLogger(CancellationListener.class);

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
        LifecycleCancels.of(record, codec).ifPresent(cancel -> {
            log.info("generation {}: cancelled by its owner, its download is skipped", cancel.generationId());
            cancelled.record(cancel);
        });
    }
}
