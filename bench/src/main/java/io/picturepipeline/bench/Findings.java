package io.picturepipeline.bench;

import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What the phases of one benchmark run measured and noted, in the order they ran; a failed step becomes a note. */
final class Findings {

    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<Sweep> sweeps = new ArrayList<>();
    private final List<SseRun> sse = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    List<Scenario> scenarios() {
        return scenarios;
    }

    List<Sweep> sweeps() {
        return sweeps;
    }

    List<SseRun> sse() {
        return sse;
    }

    List<String> notes() {
        return notes;
    }

    /** Keeps a scenario a step measured ({@code null}: the step failed) and lets the stack settle. */
    void add(Scenario s) {
        if (s != null) {
            scenarios.add(s);
            settle();
        }
    }

    /** Runs a step; a failure is noted and logged, and the run goes on with what it has. */
    <T> T guard(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            notes.add(what + " failed: " + e);
            Bench.log(what + " failed: " + e);
            e.printStackTrace();
            return null;
        }
    }

    /**
     * Runs {@code step} at each rate in turn until a step fails or its rate is not sustained, keeps each scenario and
     * the sweep, and returns the highest sustained rate (null: none); {@code between} runs after each sustained step.
     */
    @Nullable
    Double sweep(
            String system,
            long providerLatencyMs,
            String what,
            List<Double> rates,
            DoubleFunction<Scenario> step,
            Runnable between) {
        List<String> names = new ArrayList<>();
        Double best = null;
        for (double rate : rates) {
            Scenario s = guard(what, () -> step.apply(rate));
            if (s == null) {
                break;
            }
            scenarios.add(s);
            names.add(s.name());
            if (!s.sustainable()) {
                break;
            }
            best = rate;
            between.run();
        }
        sweeps.add(new Sweep(system, providerLatencyMs, names, best));
        return best;
    }

    static void settle() {
        Runner.sleep(3_000);
    }
}
