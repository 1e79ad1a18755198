package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.admission.AsyncStart;
import io.picturepipeline.retry.TypedStageHandler;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One {@code GenerationRequested}, from {@code pipeline.generate} or one of its retry tiers: start its prediction.
 * Being a stage handler bean is what gives the stage its backoff tiers: {@code retry-dlq} consumes {@code
 * pipeline.generate-retry-<n>} (groups {@code generation-consumer-retry-<n>}) with it.
 */
@Component
class GenerateStage extends TypedStageHandler<GenerationRequested> implements AsyncStart {

    private final EventCodec codec;
    private final StartGeneration start;
    private final Duration backpressurePause;

    GenerateStage(EventCodec codec, StartGeneration start, GenerationSettings settings) {
        super(Stage.GENERATE, GenerateListener.ID, GenerationRequested.class, codec);
        this.codec = codec;
        this.start = start;
        this.backpressurePause = settings.backpressurePause();
    }

    @Override
    protected Outcome handle(GenerationRequested requested, Instant queuedSince) {
        return start.start(requested, queuedSince) == StartGeneration.Outcome.DEFERRED
                ? Outcome.DEFERRED
                : Outcome.DONE;
    }

    /**
     * The admission dispatcher's way in: the record decoded and checked as {@link #handle(ConsumerRecord)} does, then
     * started without waiting for the provider's answer on this thread ({@link StartGeneration#startAsync}).
     */
    @Override
    public CompletableFuture<Outcome> startAsync(ConsumerRecord<String, byte[]> record, Executor answers) {
        MDC.put(MDC_GENERATION_ID, String.valueOf(record.key()));
        try {
            GenerationRequested requested = codec.decode(record.value(), GenerationRequested.class);
            if (!requested.generationId().toString().equals(record.key())) {
                throw new PoisonRecordException("the record's key " + record.key()
                        + " is not the generation id of its event " + requested.generationId());
            }
            return start.startAsync(requested, answers)
                    .thenApply(
                            outcome -> outcome == StartGeneration.Outcome.DEFERRED ? Outcome.DEFERRED : Outcome.DONE);
        } finally {
            MDC.remove(MDC_GENERATION_ID);
        }
    }

    /** At {@code max-in-flight}, a record waits {@code backpressure-pause} before it is offered again. */
    @Override
    public Duration deferral() {
        return backpressurePause;
    }
}
