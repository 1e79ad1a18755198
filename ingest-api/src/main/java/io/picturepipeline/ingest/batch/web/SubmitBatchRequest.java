package io.picturepipeline.ingest.batch.web;

import io.picturepipeline.ingest.generation.web.SubmitGenerationRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/batches}: 1 to 50 items, each what {@code POST /api/v1/generations} takes. */
record SubmitBatchRequest(@Nullable List<@Nullable SubmitGenerationRequest> items) {}
