package io.picturepipeline.ingest.generation;

import io.picturepipeline.ingest.refusal.NotFoundException;
import java.util.UUID;

/** The caller has no generation with this id (someone else's counts as none). */
public class GenerationNotFound extends NotFoundException {

    public GenerationNotFound(UUID id) {
        super("No generation " + id + ".");
    }
}
