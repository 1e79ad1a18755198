package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/** A stage gave up on a record and parked it on its dead-letter topic for ops. */
public record DeadLettered(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        Stage stage,
        String deadLetterTopic,
        String errorClass,
        String message,
        int attempts)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DeadLettered {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.present(stage, "stage");
        Require.text(deadLetterTopic, "deadLetterTopic");
        Require.text(errorClass, "errorClass");
        message = Text.truncate(Require.present(message, "message"), GenerationFailed.MAX_MESSAGE_LENGTH);
    }

    public static DeadLettered of(
            UUID generationId,
            Instant at,
            Stage stage,
            String deadLetterTopic,
            String errorClass,
            String message,
            int attempts) {
        return of(UUID.randomUUID(), generationId, at, stage, deadLetterTopic, errorClass, message, attempts);
    }

    /** The dead letter at {@code ref}: the event id is derived from it, so a re-publish of the same fact dedupes. */
    public static DeadLettered of(
            UUID generationId,
            Instant at,
            Stage stage,
            DeadLetterRef ref,
            String errorClass,
            String message,
            int attempts) {
        return of(
                EventIds.forFact(generationId, "dead-lettered/" + ref),
                generationId,
                at,
                stage,
                ref.topic(),
                errorClass,
                message,
                attempts);
    }

    private static DeadLettered of(
            UUID eventId,
            UUID generationId,
            Instant at,
            Stage stage,
            String deadLetterTopic,
            String errorClass,
            String message,
            int attempts) {
        return new DeadLettered(
                eventId, generationId, at, SCHEMA_VERSION, stage, deadLetterTopic, errorClass, message, attempts);
    }
}
