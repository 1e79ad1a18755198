package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * One {@code GenerationRequested} record, from {@code pipeline.generate} or one of its retry tiers: decode it and
 * start its prediction. Being a {@link StageHandler} bean is what gives the stage its backoff tiers: {@code
 * retry-dlq} consumes {@code pipeline.generate-retry-<n>} (groups {@code generation-consumer-retry-<n>}) with it.
 */
@Component
class GenerateStage implements StageHandler {

    private final EventCodec codec;
    private final StartGeneration start;
    private final Duration backpressurePause;

    GenerateStage(EventCodec codec, StartGeneration start, GenerationSettings settings) {
        this.codec = codec;
        this.start = start;
        this.backpressurePause = settings.backpressurePause();
    }

    @Override
    public Stage stage() {
        return Stage.GENERATE;
    }

    @Override
    public String group() {
        return GenerateListener.ID;
    }

    @Override
    public Outcome handle(ConsumerRecord<String, byte[]> record) {
        GenerationRequested requested = codec.decode(record.value(), GenerationRequested.class);
        if (!requested.generationId().toString().equals(record.key())) {
            throw new PoisonRecordException("the record's key " + record.key()
                    + " is not the generation id of its event " + requested.generationId());
        }
        Instant queuedSince = Instant.ofEpochMilli(record.timestamp());
        return start.start(requested, queuedSince) == StartGeneration.Outcome.DEFERRED
                ? Outcome.DEFERRED
                : Outcome.DONE;
    }

    /** At {@code max-in-flight}, a record waits {@code backpressure-pause} before it is offered again. */
    @Override
    public Duration deferral() {
        return backpressurePause;
    }
}
