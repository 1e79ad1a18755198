package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code pipeline.generate} (group {@code generation-consumer}): one record, one short call that starts a
 * prediction and returns, so offsets are committed within a create call's time, never a generation's.
 *
 * <p><b>Back-pressure:</b> when {@code max-in-flight} predictions are running, the record is negatively
 * acknowledged: spring-kafka seeks back to it and pauses the consumer for {@code backpressure-pause} while it keeps
 * polling the broker (no rebalance, no blocked thread), then delivers it again — until a slot is free. Records wait
 * in Kafka, not in memory.
 *
 * <p>Poison records ({@link io.picturepipeline.schemas.PoisonRecordException} from the codec) and permanent failures
 * are dead-lettered at once by the shared error handler; transient failures are retried by it.
 */
@Component
class GenerateListener {

    static final String ID = "generation-consumer";

    private final EventCodec codec;
    private final StartGeneration stage;
    private final Duration backpressurePause;

    GenerateListener(EventCodec codec, StartGeneration stage, GenerationSettings settings) {
        this.codec = codec;
        this.stage = stage;
        this.backpressurePause = settings.backpressurePause();
    }

    @KafkaListener(id = ID, groupId = ID, topics = Topics.GENERATE)
    void onGenerationRequested(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        GenerationRequested requested = codec.decode(record.value(), GenerationRequested.class);
        if (stage.start(requested) == StartGeneration.Outcome.DEFERRED) {
            ack.nack(backpressurePause);
            return;
        }
        ack.acknowledge();
    }
}
