package io.picturepipeline.ingest.batch.web;

import io.picturepipeline.ingest.batch.BatchView;
import io.picturepipeline.ingest.generation.web.GenerationResponse;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A batch as {@code GET /api/v1/batches/{id}} shows it; {@code ended} once every item has a terminal status. */
record BatchResponse(
        UUID id,
        Instant createdAt,
        int size,
        boolean ended,
        Map<String, Integer> counts,
        List<GenerationResponse> items) {

    static BatchResponse of(BatchView view) {
        int ended = Arrays.stream(GenerationStatus.values())
                .filter(GenerationStatus::isTerminal)
                .mapToInt(status -> view.counts().getOrDefault(status.wireName(), 0))
                .sum();
        return new BatchResponse(
                view.id(),
                view.createdAt(),
                view.size(),
                ended == view.size(),
                view.counts(),
                view.items().stream().map(GenerationResponse::of).toList());
    }
}
