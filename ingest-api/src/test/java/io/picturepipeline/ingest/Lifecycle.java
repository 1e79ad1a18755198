package io.picturepipeline.ingest;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Publishes lifecycle events as the pipeline's stages do, and says where each landed. */
public final class Lifecycle {

    private static final EventCodec CODEC = new EventCodec();

    public record Landed(int partition, long offset) {}

    private final KafkaTemplate<String, byte[]> kafka;

    public Lifecycle(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public Landed publish(PipelineEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.LIFECYCLE, event.generationId().toString(), CODEC.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        try {
            SendResult<String, byte[]> result = kafka.send(record).get(30, TimeUnit.SECONDS);
            return new Landed(
                    result.getRecordMetadata().partition(),
                    result.getRecordMetadata().offset());
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    public static byte[] encode(PipelineEvent event) {
        return CODEC.encode(event);
    }
}
