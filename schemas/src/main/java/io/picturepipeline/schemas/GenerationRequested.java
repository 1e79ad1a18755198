package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A client's request was accepted (202). Published to the generate topic and the lifecycle topic. {@code batchId}
 * names the batch it was submitted in, {@code parentId} the generation whose image it varies or upscales; either is
 * absent when it does not apply (and in events written before they existed).
 */
public record GenerationRequested(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        String owner,
        GenerationParameters parameters,
        @Nullable UUID batchId,
        @Nullable UUID parentId)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GenerationRequested {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.text(owner, "owner");
        Require.present(parameters, "parameters");
    }

    public static GenerationRequested of(UUID generationId, Instant at, String owner, GenerationParameters parameters) {
        return of(generationId, at, owner, parameters, null, null);
    }

    public static GenerationRequested of(
            UUID generationId,
            Instant at,
            String owner,
            GenerationParameters parameters,
            @Nullable UUID batchId,
            @Nullable UUID parentId) {
        return new GenerationRequested(
                EventIds.forFact(generationId, "requested"),
                generationId,
                at,
                SCHEMA_VERSION,
                owner,
                parameters,
                batchId,
                parentId);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.QUEUED;
    }
}
