package io.picturepipeline.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest increase of a cumulative counter within any window of a given length, from samples taken about once a
 * second: for example the most predictions the provider created in any 60 s, against a per-minute budget.
 */
public final class PeakInWindow {

    private final List<long[]> samples = new ArrayList<>();

    /** A reading of the counter at {@code nanos}. */
    public synchronized void record(long nanos, long cumulative) {
        samples.add(new long[] {nanos, cumulative});
    }

    public synchronized long maxIncrease(Duration window) {
        long max = 0;
        int from = 0;
        for (int to = 0; to < samples.size(); to++) {
            while (samples.get(to)[0] - samples.get(from)[0] > window.toNanos()) {
                from++;
            }
            max = Math.max(max, samples.get(to)[1] - samples.get(from)[1]);
        }
        return max;
    }
}
