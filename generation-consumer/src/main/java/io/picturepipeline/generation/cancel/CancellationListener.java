package io.picturepipeline.generation.cancel;

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
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code pipeline.lifecycle} (its own group) for the one event this stage must act on besides its input:
 * {@code GenerationCancelled}. Everything else is acknowledged unread; an undecodable record is skipped (dead-lettering
 * lifecycle records is the projection's job).
 */
@Component
class CancellationListener {

    static final String GROUP = "generation-consumer-cancellations";
    private static final Logger log = LoggerFactory.getLogger(CancellationListener.class);
    private static final String CANCELLED = GenerationCancelled.class.getSimpleName();

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
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        if (type == null || CANCELLED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            PipelineEvent event = decode(record);
            if (event instanceof GenerationCancelled cancelled) {
                log.info("generation {}: cancelled by its owner", cancelled.generationId());
                cancellations.cancel(cancelled);
            }
        }
        ack.acknowledge();
    }

    private PipelineEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return codec.decode(record.value());
        } catch (RuntimeException e) {
            log.debug(
                    "skipping undecodable lifecycle record {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return null;
        }
    }
}
