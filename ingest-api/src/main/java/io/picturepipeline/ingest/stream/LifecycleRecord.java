package io.picturepipeline.ingest.stream;

import io.picturepipeline.schemas.PipelineEvent;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One lifecycle event with where it sits on {@code pipeline.lifecycle}: all events of a generation share one partition
 * (the key is the generation id), so its offsets order them. {@code owner} is null while unknown.
 */
record LifecycleRecord(
        int partition,
        long offset,
        PipelineEvent event,
        @Nullable String owner) {

    UUID generationId() {
        return event.generationId();
    }

    UUID eventId() {
        return event.eventId();
    }

    boolean terminal() {
        return event.resultingStatus() != null && event.resultingStatus().isTerminal();
    }
}
