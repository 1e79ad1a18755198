package io.picturepipeline.schemas;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids for facts that happen at most once per generation (a state transition). Deriving them from the
 * generation id makes a re-publish after a crash carry the same id, so every consumer dedupes it by event id.
 */
public final class EventIds {

    private EventIds() {}

    public static UUID forFact(UUID generationId, String fact) {
        return UUID.nameUUIDFromBytes((generationId + "/" + fact).getBytes(StandardCharsets.UTF_8));
    }
}
