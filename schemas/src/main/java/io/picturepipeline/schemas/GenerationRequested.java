package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** A client's request was accepted (202). Published to the generate topic and the lifecycle topic. */
public record GenerationRequested(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        String owner,
        GenerationParameters parameters)
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
        return new GenerationRequested(
                EventIds.forFact(generationId, "requested"), generationId, at, SCHEMA_VERSION, owner, parameters);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.QUEUED;
    }
}
