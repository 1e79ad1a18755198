package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.retry.TypedStageHandler;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * One {@code GenerationRequested}, from {@code pipeline.generate} or one of its retry tiers: start its prediction.
 * Being a stage handler bean is what gives the stage its backoff tiers: {@code retry-dlq} consumes {@code
 * pipeline.generate-retry-<n>} (groups {@code generation-consumer-retry-<n>}) with it.
 */
@Component
class GenerateStage extends TypedStageHandler<GenerationRequested> {

    private final StartGeneration start;
    private final Duration backpressurePause;

    GenerateStage(EventCodec codec, StartGeneration start, GenerationSettings settings) {
        super(Stage.GENERATE, GenerateListener.ID, GenerationRequested.class, codec);
        this.start = start;
        this.backpressurePause = settings.backpressurePause();
    }

    @Override
    protected Outcome handle(GenerationRequested requested, Instant queuedSince) {
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
