package io.picturepipeline.generation.provider;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider's view of one prediction at one moment.
 *
 * @param progressPercent 0..100 as far as the provider reports it (0 when it does not)
 * @param outputUrls where the images wait once {@code succeeded}; empty before
 * @param error the provider's reason when {@code failed}
 */
public record Prediction(
        String id,
        PredictionStatus status,
        int progressPercent,
        List<String> outputUrls,
        @Nullable String error) {

    public Prediction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        outputUrls = List.copyOf(outputUrls);
        if (progressPercent < 0 || progressPercent > 100) {
            throw new IllegalArgumentException("progressPercent must be within 0..100 but was " + progressPercent);
        }
    }
}
