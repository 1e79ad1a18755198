package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every output is stored. Terminal. */
public record GenerationCompleted(
        UUID eventId, UUID generationId, Instant occurredAt, int schemaVersion, List<StoredImage> images)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GenerationCompleted {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        images = List.copyOf(Require.present(images, "images"));
    }

    public static GenerationCompleted of(UUID generationId, Instant at, List<StoredImage> images) {
        return new GenerationCompleted(
                EventIds.forFact(generationId, "terminal"), generationId, at, SCHEMA_VERSION, images);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.COMPLETED;
    }
}
