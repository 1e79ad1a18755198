package io.picturepipeline.generation.prediction;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of {@code generation.prediction}. */
public record PredictionRow(
        UUID generationId,
        String owner,
        String provider,
        String model,
        @Nullable String predictionId,
        PredictionState state,
        UUID createToken,
        int width,
        int height,
        int numOutputs,
        int lastProgress,
        int polls,
        int pollErrors,
        Instant createdAt,
        @Nullable Instant startedAt) {}
