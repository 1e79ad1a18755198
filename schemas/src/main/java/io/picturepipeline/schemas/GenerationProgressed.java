package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** The provider reported progress; {@code percent} never decreases for one prediction. */
public record GenerationProgressed(UUID eventId, UUID generationId, Instant occurredAt, int schemaVersion, int percent)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public GenerationProgressed {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.between(percent, 0, 100, "percent");
    }

    public static GenerationProgressed of(UUID generationId, Instant at, int percent) {
        return new GenerationProgressed(
                EventIds.forFact(generationId, "progress/" + percent), generationId, at, SCHEMA_VERSION, percent);
    }
}
