package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.Instant;

/** Planned lifetime of a prediction: 10% of the latency {@code starting}, the rest {@code processing}. */
record Timeline(Instant createdAt, Instant startedAt, Instant completedAt) {

    static Timeline plan(Instant createdAt, Duration latency) {
        return new Timeline(createdAt, createdAt.plus(latency.dividedBy(10)), createdAt.plus(latency));
    }

    Duration processing() {
        return Duration.between(startedAt, completedAt);
    }

    /** Processing progress in {@code [0, 1]} at {@code now}. */
    double progressAt(Instant now) {
        if (!now.isBefore(completedAt)) {
            return 1;
        }
        if (!now.isAfter(startedAt)) {
            return 0;
        }
        return (double) Duration.between(startedAt, now).toNanos()
                / processing().toNanos();
    }
}
