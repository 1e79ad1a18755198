package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** The owner cancelled. Terminal: a late provider result never moves it again. */
public record GenerationCancelled(UUID eventId, UUID generationId, Instant occurredAt, int schemaVersion, String reason)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GenerationCancelled {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        reason = Text.truncate(Require.present(reason, "reason"), GenerationFailed.MAX_MESSAGE_LENGTH);
    }

    public static GenerationCancelled of(UUID generationId, Instant at, String reason) {
        return new GenerationCancelled(
                EventIds.forFact(generationId, "terminal"), generationId, at, SCHEMA_VERSION, reason);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.CANCELLED;
    }
}
