package io.picturepipeline.download;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** Wall-clock time moved forward on demand: the local provider's clock, to get past its output retention at once. */
final class ShiftableClock implements InstantSource {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    void advance(Duration duration) {
        shift.updateAndGet(current -> current.plus(duration));
    }
}
