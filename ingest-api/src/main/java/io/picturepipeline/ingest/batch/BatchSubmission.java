package io.picturepipeline.ingest.batch;

import java.util.List;
import java.util.UUID;

/** The batch a submission answers with and its generations in item order; {@code replayed} as for a generation. */
public record BatchSubmission(UUID id, List<UUID> items, boolean replayed) {}
