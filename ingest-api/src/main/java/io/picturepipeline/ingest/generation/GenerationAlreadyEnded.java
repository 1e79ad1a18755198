package io.picturepipeline.ingest.generation;

import io.picturepipeline.schemas.GenerationStatus;
import java.util.UUID;

/** A cancel came for a generation that has already reached a terminal status. */
public class GenerationAlreadyEnded extends RuntimeException {

    private final GenerationStatus status;

    public GenerationAlreadyEnded(UUID id, GenerationStatus status) {
        super("Generation " + id + " is already " + status.wireName() + " and cannot be cancelled.");
        this.status = status;
    }

    public GenerationStatus status() {
        return status;
    }
}
