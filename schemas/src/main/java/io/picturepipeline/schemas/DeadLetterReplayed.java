package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;

/**
 * Ops put a dead letter back on its stage's topic; the generation is live again. {@code replayCount} counts the
 * replays of this generation's record, this one included. No status change.
 */
public record DeadLetterReplayed(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        Stage stage,
        String deadLetterRef,
        int replayCount,
        String by,
        String reason)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public DeadLetterReplayed {
        DeadLetterActions.require(eventId, generationId, occurredAt, stage, deadLetterRef);
        Require.between(replayCount, 1, Integer.MAX_VALUE, "replayCount");
        by = DeadLetterActions.by(by);
        reason = DeadLetterActions.reason(reason);
    }

    /** The event id is derived from the ref: a dead letter is replayed at most once, so a re-publish dedupes. */
    public static DeadLetterReplayed of(
            UUID generationId, Instant at, Stage stage, DeadLetterRef ref, int replayCount, String by, String reason) {
        return new DeadLetterReplayed(
                EventIds.forFact(generationId, "dead-letter-replayed/" + ref),
                generationId,
                at,
                SCHEMA_VERSION,
                stage,
                ref.toString(),
                replayCount,
                by,
                reason);
    }
}
