package io.picturepipeline.schemas;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A client's request was accepted (202). Published to the generate topic and the lifecycle topic. {@code admission}
 * (optional: absent in events published before plans existed, read as {@link Admission#DEFAULT}) says how it waits
 * for the provider; one with a {@code notBefore} after {@code occurredAt} is {@code scheduled}.
 */
public record GenerationRequested(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        String owner,
        GenerationParameters parameters,
        // optional on the wire, unlike every other field (the codec fails on missing ones): events published before
        // plans existed have none; injected as null when absent, read from the input when present
        @JacksonInject(value = "admission", useInput = OptBoolean.TRUE, optional = OptBoolean.TRUE) @Nullable
        Admission admission)
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
        return of(generationId, at, owner, parameters, null);
    }

    public static GenerationRequested of(
            UUID generationId,
            Instant at,
            String owner,
            GenerationParameters parameters,
            @Nullable Admission admission) {
        return new GenerationRequested(
                EventIds.forFact(generationId, "requested"),
                generationId,
                at,
                SCHEMA_VERSION,
                owner,
                parameters,
                admission);
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
