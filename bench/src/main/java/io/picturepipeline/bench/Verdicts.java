package io.picturepipeline.bench;

import io.picturepipeline.bench.report.Results.Ratio;
import io.picturepipeline.bench.report.Results.Sampled;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The issue's targets and the ratios against both baselines, read off the runs. Never invents a number. */
final class Verdicts {

    static final String PIPELINE = "pipeline";
    static final String CADENCE = "seeds-cadence";
    static final String TUNED = "seeds-tuned-";

    private Verdicts() {}

    /**
     * The seeds' cadence in generations per second: the more favourable to the seeds of what completed in the window
     * and its capacity, jobs per wake × 60 wakes an hour ÷ 2 jobs per generation.
     */
    static double cadencePerSecond(Scenario cadence) {
        double capacity = 0;
        Object jobsPerHour = cadence.extra().get("jobs per hour (60 wakes)");
        if (jobsPerHour instanceof Number n) {
            capacity = n.doubleValue() / 2 / 3600;
        }
        return Math.max(cadence.throughputPerSecond(), capacity);
    }

    /** The first benchmark issue's targets, each checked against this run ({@link FirstIssueTargets}). */
    static List<TargetCheck> targets(List<Scenario> runs, List<Sweep> sweeps, List<SseRun> sse) {
        return FirstIssueTargets.checks(runs, sweeps, sse);
    }

    static List<Ratio> ratios(List<Scenario> runs) {
        List<Ratio> ratios = new ArrayList<>();
        Optional<Scenario> cadence =
                measured(runs).filter(s -> s.system().equals(CADENCE)).findFirst();
        for (long latency : new long[] {0, 2_000, 20_000}) {
            Optional<Scenario> pipe = bestSustained(runs, PIPELINE, latency);
            Optional<Scenario> tuned = bestSustainedTuned(runs, latency);
            if (pipe.isPresent()) {
                tuned.ifPresent(t -> ratios.add(new Ratio(
                        "sustained generations/s, " + latency + " ms provider (vs best tuned: " + t.system() + ")",
                        n(pipe.get().throughputPerSecond()),
                        n(t.throughputPerSecond()),
                        ratio(pipe.get().throughputPerSecond(), t.throughputPerSecond()))));
                cadence.ifPresent(c -> ratios.add(new Ratio(
                        "sustained generations/hour, " + latency + " ms provider (vs the seeds' cadence)",
                        n(pipe.get().throughputPerSecond() * 3600),
                        n(cadencePerSecond(c) * 3600),
                        ratio(pipe.get().throughputPerSecond(), cadencePerSecond(c)))));
            }
            Optional<Scenario> matched = measured(runs)
                    .filter(s -> s.system().equals(PIPELINE)
                            && s.providerLatencyMs() == latency
                            && s.name().startsWith("matched"))
                    .findFirst();
            if (matched.isPresent() && tuned.isPresent()) {
                Scenario m = matched.get();
                Scenario t = tuned.get();
                if (m.endToEnd() != null && t.endToEnd() != null) {
                    ratios.add(new Ratio(
                            "p99 submit→completed ms at " + n(m.offeredRate()) + "/s, " + latency
                                    + " ms provider (seeds ÷ pipeline)",
                            n(m.endToEnd().p99Ms()),
                            n(t.endToEnd().p99Ms()),
                            ratio(t.endToEnd().p99Ms(), m.endToEnd().p99Ms())));
                }
                if (m.submit() != null && t.submit() != null) {
                    ratios.add(new Ratio(
                            "p99 submit ms at " + n(m.offeredRate()) + "/s, " + latency
                                    + " ms provider (seeds ÷ pipeline)",
                            n(m.submit().p99Ms()),
                            n(t.submit().p99Ms()),
                            ratio(t.submit().p99Ms(), m.submit().p99Ms())));
                }
            }
        }
        Optional<Scenario> slowPipe = measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.providerLatencyMs() == 20_000)
                .max(Comparator.comparingDouble(Verdicts::inFlight));
        Optional<Scenario> slowTuned = measured(runs)
                .filter(s -> s.system().startsWith(TUNED) && s.providerLatencyMs() == 20_000)
                .max(Comparator.comparingDouble(Verdicts::inFlight));
        if (slowPipe.isPresent() && slowTuned.isPresent()) {
            ratios.add(new Ratio(
                    "most generations in flight, 20 s provider (vs "
                            + slowTuned.get().system() + ")",
                    n(inFlight(slowPipe.get())),
                    n(inFlight(slowTuned.get())),
                    ratio(inFlight(slowPipe.get()), inFlight(slowTuned.get()))));
        }
        cadence.ifPresent(c -> ratios.add(new Ratio(
                "the seeds' cadence, for reference: generations/hour completed in the window, capacity"
                        + " (jobs per wake × 60 ÷ 2), jobs/hour, most in flight",
                "—",
                n(c.throughputPerSecond() * 3600) + ", " + n(cadencePerSecond(c) * 3600) + ", "
                        + c.extra().getOrDefault("jobs per hour (60 wakes)", "?") + ", " + n(inFlight(c)),
                null)));
        return ratios;
    }

    static Optional<Scenario> bestSustained(List<Scenario> runs, String system, long latency) {
        return measured(runs)
                .filter(s -> s.system().equals(system) && s.providerLatencyMs() == latency && s.sustainable())
                .max(Comparator.comparingDouble(Scenario::throughputPerSecond));
    }

    static Optional<Scenario> bestSustainedTuned(List<Scenario> runs, long latency) {
        return measured(runs)
                .filter(s -> s.system().startsWith(TUNED) && s.providerLatencyMs() == latency && s.sustainable())
                .max(Comparator.comparingDouble(Scenario::throughputPerSecond));
    }

    static Optional<Scenario> firstUnsustained(List<Scenario> runs, long latency) {
        return measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.providerLatencyMs() == latency && !s.sustainable())
                .filter(s -> !s.name().startsWith("matched"))
                .findFirst();
    }

    static String sweepNote(List<Sweep> sweeps, long latency) {
        boolean swept = sweeps.stream().anyMatch(w -> w.system().equals(PIPELINE) && w.providerLatencyMs() == latency);
        return swept ? "" : "this pipeline was run at one rate here, not swept: its figure is a lower bound";
    }

    static double inFlight(Scenario s) {
        for (String name : List.of(
                "predictions in flight (gauge)", "predictions in flight (table)", "predictions in flight (worker)")) {
            Sampled sampled = s.sample(name);
            if (sampled != null && sampled.samples() > 0) {
                double max = sampled.max();
                if (name.endsWith("(worker)")) {
                    Object worker = s.extra().get("worker");
                    if (worker instanceof String json) {
                        max = Math.max(
                                max,
                                Runner.jsonNumber(json, "maxPredictionsInFlight")
                                        .orElse(0));
                    }
                }
                return max;
            }
        }
        return 0;
    }

    /** The runs of the rate sweeps and matched comparisons: not profiled, not warm-ups, not the phases of their own. */
    static java.util.stream.Stream<Scenario> measured(List<Scenario> runs) {
        return runs.stream()
                .filter(s -> !s.name().contains("(profiled)") && !s.name().startsWith("warm-up"))
                .filter(s -> !ownPhase(s));
    }

    /** The fresh-start and burst runs: measured for their own targets, never as a point of a rate sweep. */
    static boolean ownPhase(Scenario s) {
        return s.name().equals(Plan.FRESH_START.label()) || s.name().equals(Plan.BURST.label());
    }

    static @Nullable Double ratio(double a, double b) {
        return b > 0 ? a / b : null;
    }

    static TargetCheck notMeasured(String target) {
        return new TargetCheck(target, "—", "not measured", "");
    }

    static String n(double v) {
        return io.picturepipeline.bench.report.ReportWriter.num(v);
    }
}
