package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/**
 * Ops marked a dead letter as handled without replaying it. For a generation that was still waiting for ops, the
 * CLI publishes {@link GenerationFailed} with the operator's reason next to this event. No status change itself.
 */
public record DeadLetterResolved(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        Stage stage,
        String deadLetterRef,
        String by,
        String reason)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DeadLetterResolved {
        DeadLetterActions.require(eventId, generationId, occurredAt, stage, deadLetterRef);
        by = DeadLetterActions.by(by);
        reason = DeadLetterActions.reason(reason);
    }

    public static DeadLetterResolved of(
            UUID generationId, Instant at, Stage stage, DeadLetterRef ref, String by, String reason) {
        return new DeadLetterResolved(
                EventIds.forFact(generationId, "dead-letter-resolved/" + ref),
                generationId,
                at,
                SCHEMA_VERSION,
                stage,
                ref.toString(),
                by,
                reason);
    }
}
