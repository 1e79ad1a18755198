package io.picturepipeline.generation.cancel;

import io.picturepipeline.retry.LifecycleCancels;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code pipeline.lifecycle} (its own group) for the one event this stage must act on besides its input:
 * {@code GenerationCancelled}, picked out by {@link LifecycleCancels}; every record is acknowledged.
 */
@Component
class CancellationListener {

    static final String GROUP = "generation-consumer-cancellations";
    private static final Logger log = LoggerFactory.getLogger(CancellationListener.class);

    private final EventCodec codec;
    private final Cancellations cancellations;

    CancellationListener(EventCodec codec, Cancellations cancellations) {
        this.codec = codec;
        this.cancellations = cancellations;
    }

    @KafkaListener(
            id = GROUP,
            groupId = GROUP,
            topics = Topics.LIFECYCLE,
            concurrency = "1",
            properties = "max.poll.records=500")
    void onLifecycleEvent(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        LifecycleCancels.of(record, codec).ifPresent(cancelled -> {
            log.info("generation {}: cancelled by its owner", cancelled.generationId());
            cancellations.cancel(cancelled);
        });
        ack.acknowledge();
    }
}
