package io.picturepipeline.schemas;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Every fact the pipeline publishes. Keyed by {@link #generationId()} on every topic, so all events of one
 * generation stay in order on one partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GenerationRequested.class, name = "GenerationRequested"),
    @JsonSubTypes.Type(value = GenerationStarted.class, name = "GenerationStarted"),
    @JsonSubTypes.Type(value = GenerationProgressed.class, name = "GenerationProgressed"),
    @JsonSubTypes.Type(value = ImagesGenerated.class, name = "ImagesGenerated"),
    @JsonSubTypes.Type(value = GenerationCompleted.class, name = "GenerationCompleted"),
    @JsonSubTypes.Type(value = GenerationFailed.class, name = "GenerationFailed"),
    @JsonSubTypes.Type(value = GenerationCancelled.class, name = "GenerationCancelled"),
    @JsonSubTypes.Type(value = RetryScheduled.class, name = "RetryScheduled"),
    @JsonSubTypes.Type(value = DeadLettered.class, name = "DeadLettered"),
    @JsonSubTypes.Type(value = DeadLetterReplayed.class, name = "DeadLetterReplayed"),
    @JsonSubTypes.Type(value = DeadLetterResolved.class, name = "DeadLetterResolved")
})
public sealed interface PipelineEvent
        permits GenerationRequested,
                GenerationStarted,
                GenerationProgressed,
                ImagesGenerated,
                GenerationCompleted,
                GenerationFailed,
                GenerationCancelled,
                RetryScheduled,
                DeadLettered,
                DeadLetterReplayed,
                DeadLetterResolved {

    /** Unique per fact; stable for state transitions (see {@link EventIds}) so a re-publish dedupes. */
    UUID eventId();

    UUID generationId();

    Instant occurredAt();

    int schemaVersion();

    /** The status this event moves its generation to, or {@code null} when it does not change the status. */
    default GenerationStatus resultingStatus() {
        return null;
    }

    /** The name written in the {@code type} property and in the {@link EventHeaders#TYPE} header. */
    default String type() {
        return getClass().getSimpleName();
    }
}
