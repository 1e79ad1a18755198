package io.picturepipeline.provider.local;

import java.util.Locale;

/** Replicate prediction statuses. */
enum Status {
    STARTING,
    PROCESSING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
