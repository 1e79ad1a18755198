package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A client's request was accepted (202). Published to the generate topic and the lifecycle topic. The last three
 * fields are optional: absent in events written before they existed, and read as null then (the codec reads a missing
 * field as null and the constructor refuses a missing required one). {@code admission} says how it waits for the
 * provider (null: {@link Admission#DEFAULT}); one with a {@code notBefore} after {@code occurredAt} is
 * {@code scheduled}. {@code batchId} names the batch it was submitted in, {@code parentId} the generation whose image
 * it varies or upscales.
 */
public record GenerationRequested(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        String owner,
        GenerationParameters parameters,
        @Nullable Admission admission,
        @Nullable UUID batchId,
        @Nullable UUID parentId)
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
        return of(generationId, at, owner, parameters, null, null, null);
    }

    public static GenerationRequested of(
            UUID generationId,
            Instant at,
            String owner,
            GenerationParameters parameters,
            @Nullable Admission admission) {
        return of(generationId, at, owner, parameters, admission, null, null);
    }

    public static GenerationRequested of(
            UUID generationId,
            Instant at,
            String owner,
            GenerationParameters parameters,
            @Nullable Admission admission,
            @Nullable UUID batchId,
            @Nullable UUID parentId) {
        return new GenerationRequested(
                EventIds.forFact(generationId, "requested"),
                generationId,
                at,
                SCHEMA_VERSION,
                owner,
                parameters,
                admission,
                batchId,
                parentId);
    }

    /** The admission it carries, or the default one of a request published before plans existed. */
    public Admission admissionOrDefault() {
        return admission == null ? Admission.DEFAULT : admission;
    }

    @Override
    public GenerationStatus resultingStatus() {
        return admission != null && admission.scheduledAfter(occurredAt)
                ? GenerationStatus.SCHEDULED
                : GenerationStatus.QUEUED;
    }
}
