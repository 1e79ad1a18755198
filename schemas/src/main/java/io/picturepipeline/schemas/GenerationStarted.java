package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** The provider accepted a prediction for this generation; the provider's id is what a redelivery resumes. */
public record GenerationStarted(
        UUID eventId, UUID generationId, Instant occurredAt, int schemaVersion, String provider, String predictionId)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GenerationStarted {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.text(provider, "provider");
        Require.text(predictionId, "predictionId");
    }

    public static GenerationStarted of(UUID generationId, Instant at, String provider, String predictionId) {
        return new GenerationStarted(
                EventIds.forFact(generationId, "started/" + predictionId),
                generationId,
                at,
                SCHEMA_VERSION,
                provider,
                predictionId);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.PROCESSING;
    }
}
