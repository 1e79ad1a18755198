package io.picturepipeline.generation.provider;

import io.picturepipeline.schemas.GenerationParameters;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What to ask a provider for.
 *
 * @param webhook where the provider should report completion; {@code null} for none. The provider client adds the
 *     generation id to it as the marker that finds a create whose answer was lost
 * @param syncMode whether to ask the provider to hold its answer until the prediction ends (up to its sync wait)
 */
public record GenerationRequest(
        UUID generationId,
        GenerationParameters parameters,
        @Nullable URI webhook,
        boolean syncMode) {

    public GenerationRequest {
        Objects.requireNonNull(generationId, "generationId");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** A request in sync mode (the provider's configured wait). */
    public GenerationRequest(UUID generationId, GenerationParameters parameters, @Nullable URI webhook) {
        this(generationId, parameters, webhook, true);
    }
}
