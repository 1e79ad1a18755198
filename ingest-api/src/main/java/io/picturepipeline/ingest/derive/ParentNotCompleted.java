package io.picturepipeline.ingest.derive;

import java.util.UUID;

/** A variation or upscale was asked of a generation that has no image yet (it has not completed). */
public class ParentNotCompleted extends RuntimeException {

    private final String status;

    ParentNotCompleted(UUID id, String status) {
        super("Generation " + id + " is " + status + "; only a completed one has an image to work from.");
        this.status = status;
    }

    /** The parent's status, in its wire form. */
    public String status() {
        return status;
    }
}
