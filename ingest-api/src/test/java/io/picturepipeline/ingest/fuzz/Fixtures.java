package io.picturepipeline.ingest.fuzz;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What valid requests refer to: the owner's generations (one with a stored image, one ended), another user's
 * generation (whose id the owner must never reach), the live model catalogue, and the cursors of pages seen so far.
 */
record Fixtures(
        String owner,
        List<UUID> owned,
        UUID withImage,
        UUID ended,
        UUID strangers,
        JsonNode models,
        List<String> cursors) {}
