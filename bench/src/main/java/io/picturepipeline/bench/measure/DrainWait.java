package io.picturepipeline.bench.measure;

import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.report.Results.Drain;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Holds a run back until the load of the runs before it has drained (nothing in flight), at most {@code max}: a run
 * that starts on top of a backlog measures the backlog, not its own load. The wait and its outcome go in the report.
 */
public final class DrainWait {

    /** What a probe saw: whether nothing is in flight, and what is (for the report). */
    public record State(boolean drained, String description) {}

    private DrainWait() {}

    public static Drain await(Supplier<State> probe, Duration max, Duration interval, OpenLoop.Clock clock) {
        long start = clock.getAsLong();
        long deadline = start + max.toNanos();
        State state = probe.get();
        while (!state.drained() && clock.getAsLong() < deadline) {
            clock.sleepUntil(Math.min(deadline, clock.getAsLong() + interval.toNanos()));
            state = probe.get();
        }
        return new Drain((clock.getAsLong() - start) / 1e9, state.drained(), state.description());
    }
}
