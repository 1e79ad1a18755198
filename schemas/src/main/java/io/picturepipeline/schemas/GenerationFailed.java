package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** The generation cannot succeed. Terminal. {@code message} is bounded and safe to show to the client. */
public record GenerationFailed(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        Stage stage,
        String errorClass,
        String message)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;
    public static final int MAX_MESSAGE_LENGTH = 500;

    public GenerationFailed {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.present(stage, "stage");
        Require.text(errorClass, "errorClass");
        message = Text.truncate(Require.present(message, "message"), MAX_MESSAGE_LENGTH);
    }

    public static GenerationFailed of(UUID generationId, Instant at, Stage stage, String errorClass, String message) {
        return new GenerationFailed(
                EventIds.forFact(generationId, "terminal"),
                generationId,
                at,
                SCHEMA_VERSION,
                stage,
                errorClass,
                message);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.FAILED;
    }
}
