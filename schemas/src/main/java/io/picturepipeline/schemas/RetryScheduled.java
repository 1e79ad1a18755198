package io.picturepipeline.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A stage failed transiently and will try again after {@code delay}; {@code attempt} is the one that failed. */
public record RetryScheduled(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        Stage stage,
        int attempt,
        Duration delay,
        String reason)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public RetryScheduled {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.present(stage, "stage");
        Require.present(delay, "delay");
        reason = Text.truncate(Require.present(reason, "reason"), GenerationFailed.MAX_MESSAGE_LENGTH);
    }

    public static RetryScheduled of(
            UUID generationId, Instant at, Stage stage, int attempt, Duration delay, String reason) {
        return of(generationId, at, stage, attempt, delay, reason, 0);
    }

    /**
     * A retry of a record ops replayed {@code replayCount} times: attempts count again from 1 after a replay, so the
     * replay count keeps the event ids of the runs apart.
     */
    public static RetryScheduled of(
            UUID generationId, Instant at, Stage stage, int attempt, Duration delay, String reason, int replayCount) {
        String fact = replayCount == 0
                ? "retry/" + stage + "/" + attempt
                : "retry/" + stage + "/replay-" + replayCount + "/" + attempt;
        return new RetryScheduled(
                EventIds.forFact(generationId, fact), generationId, at, SCHEMA_VERSION, stage, attempt, delay, reason);
    }
}
