package io.picturepipeline.ingest.batch;

import io.picturepipeline.ingest.generation.GenerationView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One batch as its owner sees it: how many items are in which status, and the items in submission order. */
public record BatchView(
        UUID id, Instant createdAt, int size, Map<String, Integer> counts, List<GenerationView> items) {}
