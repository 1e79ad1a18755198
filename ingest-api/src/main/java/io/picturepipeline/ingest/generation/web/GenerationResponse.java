package io.picturepipeline.ingest.generation.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.picturepipeline.ingest.generation.GenerationView;
import io.picturepipeline.schemas.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A generation as {@code GET /api/v1/generations[/{id}]} shows it. */
public record GenerationResponse(
        UUID id,
        String status,
        @Nullable String model,
        @Nullable String prompt,
        JsonNode parameters,
        int progress,
        int attempts,
        @Nullable Failure error,
        List<Image> images,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant generatedAt,
        @Nullable Instant completedAt,
        @Nullable Instant failedAt,
        @Nullable Instant cancelledAt,
        Instant updatedAt,
        @Nullable UUID parentId,
        List<UUID> children) {

    record Failure(
            @Nullable String stage,
            @JsonProperty("class") @Nullable String errorClass,
            @Nullable String message) {}

    record Image(
            int index,
            String url,
            String contentType,
            @Nullable Integer width,
            @Nullable Integer height,
            long bytes) {}

    public static GenerationResponse of(GenerationView view) {
        GenerationView.Failure error = view.error();
        return new GenerationResponse(
                view.id(),
                view.status(),
                view.model(),
                view.prompt(),
                view.parameters(),
                view.progress(),
                view.attempts(),
                error == null ? null : new Failure(error.stage(), error.errorClass(), error.message()),
                view.images().stream().map(image -> image(view.id(), image)).toList(),
                view.createdAt(),
                view.startedAt(),
                view.generatedAt(),
                view.completedAt(),
                view.failedAt(),
                view.cancelledAt(),
                view.updatedAt(),
                view.parentId(),
                view.children());
    }

    private static Image image(UUID id, StoredImage image) {
        return new Image(
                image.index(),
                GenerationPaths.image(id, image.index()),
                image.contentType(),
                image.width(),
                image.height(),
                image.bytes());
    }
}
