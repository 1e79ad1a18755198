package io.picturepipeline.generation.provider;

import io.picturepipeline.schemas.GenerationParameters;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to ask a provider for.
 *
 * @param webhook where the provider should report completion; {@code null} for none
 */
public record GenerationRequest(
        UUID generationId,
        GenerationParameters parameters,
        @Nullable URI webhook) {

    public GenerationRequest {
        Objects.requireNonNull(generationId, "generationId");
        Objects.requireNonNull(parameters, "parameters");
    }
}
