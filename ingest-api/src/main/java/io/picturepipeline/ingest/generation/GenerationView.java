package io.picturepipeline.ingest.generation;

import io.picturepipeline.schemas.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One generation as its owner may see it: the projection's row, or the accepted request until it is projected. A
 * variation or upscale names its {@code parentId}; a generation lists the variations and upscales made of it.
 */
public record GenerationView(
        UUID id,
        String status,
        @Nullable String model,
        @Nullable String prompt,
        JsonNode parameters,
        int progress,
        int attempts,
        @Nullable Failure error,
        List<StoredImage> images,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant generatedAt,
        @Nullable Instant completedAt,
        @Nullable Instant failedAt,
        @Nullable Instant cancelledAt,
        Instant updatedAt,
        @Nullable UUID parentId,
        List<UUID> children) {

    public record Failure(
            @Nullable String stage,
            @Nullable String errorClass,
            @Nullable String message) {}
}
