package io.picturepipeline.generation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** The system clock, moved forward by what tests add: the local provider's time, so that its deadlines can pass. */
final class ShiftedClock implements InstantSource {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    void advance(Duration by) {
        shift.accumulateAndGet(by, Duration::plus);
    }
}
