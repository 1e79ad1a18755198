package io.picturepipeline.bench.measure;

import io.picturepipeline.bench.report.Results.Sampled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** A value read about once a second during a run; keeps every sample for max and percentiles. */
public final class SampledValue {

    private final String name;
    private final String source;
    private final Supplier<OptionalDouble> reader;
    private final List<Double> samples = Collections.synchronizedList(new ArrayList<>());

    public SampledValue(String name, String source, Supplier<OptionalDouble> reader) {
        this.name = name;
        this.source = source;
        this.reader = reader;
    }

    public void sample() {
        reader.get().ifPresent(samples::add);
    }

    public Sampled result() {
        List<Double> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Sampled(name, source, 0, 0, 0, 0);
        }
        return new Sampled(
                name,
                source,
                sorted.size(),
                sorted.get(sorted.size() - 1),
                percentile(sorted, 50),
                percentile(sorted, 99));
    }

    static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
