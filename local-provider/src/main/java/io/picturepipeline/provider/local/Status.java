package io.picturepipeline.provider.local;

import java.util.Locale;

/**
 * Replicate prediction statuses; {@code aborted} is a prediction whose {@code Cancel-After} deadline passed before it
 * started running.
 */
enum Status {
    STARTING,
    PROCESSING,
    SUCCEEDED,
    FAILED,
    CANCELED,
    ABORTED;

    boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED || this == ABORTED;
    }

    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
