package io.picturepipeline.ingest.generation;

import java.util.UUID;

/** The generation a submission answers with; {@code replayed} when an earlier one with the same key created it. */
public record Submission(UUID id, boolean replayed) {}
