package io.picturepipeline.generation.prediction;

import java.util.Locale;

/**
 * Where one generation stands in this stage: {@code creating} (the create call is out) → {@code created} (the
 * provider's id is recorded, {@code GenerationStarted} not yet confirmed) → {@code running} (the poller owns it) →
 * {@code done} | {@code failed} | {@code canceled}.
 */
public enum PredictionState {
    CREATING,
    CREATED,
    RUNNING,
    DONE,
    FAILED,
    CANCELED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELED;
    }

    static PredictionState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
