package io.picturepipeline.generation.provider;

import java.util.Locale;

/** Replicate's prediction statuses (other providers map onto them). */
public enum PredictionStatus {
    STARTING,
    PROCESSING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** From the wire form ({@code "processing"}); Replicate's {@code aborted} counts as {@code canceled}. */
    public static PredictionStatus fromWire(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.equals("ABORTED") || name.equals("CANCELLED")) {
            return CANCELED;
        }
        return PredictionStatus.valueOf(name);
    }
}
