package io.picturepipeline.ingest.generation;

import java.time.Duration;

/** An {@code Idempotency-Key} still remembered for another request body came with a different one. */
public class IdempotencyKeyReused extends RuntimeException {

    private final Duration keyTtl;

    public IdempotencyKeyReused(Duration keyTtl) {
        super("This Idempotency-Key was already used with a different request body.");
        this.keyTtl = keyTtl;
    }

    /** How long a key is remembered. */
    public Duration keyTtl() {
        return keyTtl;
    }
}
