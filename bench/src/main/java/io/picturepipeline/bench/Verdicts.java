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

/** The targets and the ratios against both baselines, read off the runs. Never invents a number. */
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

    static List<TargetCheck> targets(List<Scenario> runs, List<Sweep> sweeps, List<SseRun> sse) {
        List<TargetCheck> checks = new ArrayList<>();

        Optional<Scenario> at500 = measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.providerLatencyMs() == 0 && s.offeredRate() == 500)
                .findFirst();
        checks.add(at500.filter(s -> s.submit() != null)
                .map(s -> new TargetCheck(
                        "submit p99 ≤ 15 ms at 500 submits/s",
                        "p99 " + n(s.submit().p99Ms()) + " ms (p50 "
                                + n(s.submit().p50Ms()) + ", p99.9 "
                                + n(s.submit().p999Ms()) + ")",
                        s.submit().p99Ms() <= 15 ? "met" : "missed",
                        s.rejected() > 0 ? s.rejected() + " of " + s.sent() + " refused" : ""))
                .orElse(notMeasured("submit p99 ≤ 15 ms at 500 submits/s")));

        Optional<Sweep> sweep0 = sweeps.stream()
                .filter(w -> w.system().equals(PIPELINE) && w.providerLatencyMs() == 0)
                .findFirst();
        if (sweep0.isPresent()) {
            Double best = sweep0.get().highestSustainedRate();
            Optional<Scenario> top = best == null
                    ? Optional.empty()
                    : measured(runs)
                            .filter(s -> s.system().equals(PIPELINE)
                                    && s.providerLatencyMs() == 0
                                    && s.offeredRate() == best
                                    && s.sustainable())
                            .findFirst();
            double lag = top.map(s -> s.sample("projection lag (gauge)"))
                    .map(Sampled::max)
                    .orElse(Double.NaN);
            boolean met = best != null && best >= 1_000 && lag < 1;
            checks.add(new TargetCheck(
                    "≥ 1,000 generations/s end to end with a 0 ms provider, projection lag < 1 s",
                    best == null
                            ? "no rate sustained"
                            : "highest sustained " + n(best) + "/s (throughput "
                                    + n(top.map(Scenario::throughputPerSecond).orElse(0.0)) + "/s), projection lag max "
                                    + n(lag) + " s",
                    met ? "met" : "missed",
                    firstUnsustained(runs, 0)
                            .map(s -> "at " + n(s.offeredRate()) + "/s: " + s.verdict())
                            .orElse("every rate of the sweep was sustained: the sweep's ceiling is the limit")));
        } else {
            checks.add(notMeasured("≥ 1,000 generations/s end to end with a 0 ms provider, projection lag < 1 s"));
        }

        Optional<Scenario> slow = measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.providerLatencyMs() == 20_000)
                .max(Comparator.comparingDouble(Verdicts::inFlight));
        checks.add(slow.map(s -> new TargetCheck(
                        "≥ 2,000 generations in flight at once with a 20 s provider, one generation-consumer",
                        n(inFlight(s)) + " in flight at most (at " + n(s.offeredRate()) + "/s)",
                        inFlight(s) >= 2_000 ? "met" : "missed",
                        s.sustainable() ? "" : s.verdict()))
                .orElse(notMeasured("≥ 2,000 generations in flight at once with a 20 s provider")));

        Optional<SseRun> sse5000 =
                sse.stream().filter(s -> s.streamsRequested() == 5_000).findFirst();
        checks.add(sse5000.filter(s -> s.delivery() != null)
                .map(s -> new TargetCheck(
                        "SSE: 5,000 open streams on one ingest-api, p99 delivery ≤ 100 ms",
                        s.streamsOpen() + " open, p99 " + n(s.delivery().p99Ms()) + " ms",
                        s.streamsOpen() >= 5_000 && s.delivery().p99Ms() <= 100 ? "met" : "missed",
                        s.status()))
                .orElse(new TargetCheck(
                        "SSE: 5,000 open streams on one ingest-api, p99 delivery ≤ 100 ms",
                        "—",
                        "not measured",
                        sse5000.map(SseRun::status).orElse("not run"))));

        for (long latency : new long[] {0, 2_000, 20_000}) {
            Optional<Scenario> pipe = bestSustained(runs, PIPELINE, latency);
            Optional<Scenario> tuned = bestSustainedTuned(runs, latency);
            if (pipe.isPresent() && tuned.isPresent()) {
                boolean ahead = pipe.get().throughputPerSecond() > tuned.get().throughputPerSecond();
                checks.add(new TargetCheck(
                        "ahead of the tuned baseline on sustained throughput (" + latency + " ms provider)",
                        n(pipe.get().throughputPerSecond()) + "/s vs "
                                + n(tuned.get().throughputPerSecond()) + "/s ("
                                + tuned.get().system() + ")",
                        ahead ? "met" : "missed",
                        sweepNote(sweeps, latency)));
            }
            Optional<Scenario> matched = measured(runs)
                    .filter(s -> s.system().equals(PIPELINE)
                            && s.providerLatencyMs() == latency
                            && s.name().startsWith("matched"))
                    .findFirst();
            if (matched.isPresent()
                    && tuned.isPresent()
                    && matched.get().endToEnd() != null
                    && tuned.get().endToEnd() != null) {
                checks.add(new TargetCheck(
                        "ahead of the tuned baseline on p99 submit→completed (" + latency + " ms provider, same rate)",
                        n(matched.get().endToEnd().p99Ms()) + " ms vs "
                                + n(tuned.get().endToEnd().p99Ms()) + " ms at "
                                + n(matched.get().offeredRate()) + "/s",
                        matched.get().endToEnd().p99Ms()
                                        < tuned.get().endToEnd().p99Ms()
                                ? "met"
                                : "missed",
                        ""));
            }
        }

        Optional<Scenario> cadence =
                measured(runs).filter(s -> s.system().equals(CADENCE)).findFirst();
        Optional<Scenario> pipeBest = measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.sustainable())
                .max(Comparator.comparingDouble(Scenario::throughputPerSecond));
        if (cadence.isPresent() && pipeBest.isPresent() && cadence.get().throughputPerSecond() > 0) {
            double ratio = pipeBest.get().throughputPerSecond() / cadence.get().throughputPerSecond();
            checks.add(new TargetCheck(
                    "≥ 1,000× the seeds' cadence (sustained generations per hour)",
                    n(pipeBest.get().throughputPerSecond() * 3600) + "/h vs "
                            + n(cadence.get().throughputPerSecond() * 3600) + "/h = " + n(ratio) + "×",
                    ratio >= 1_000 ? "met" : "missed",
                    "cadence measured with a " + cadence.get().providerLatencyMs()
                            + " ms provider; it does not depend on latency below ~55 s"));
        } else {
            checks.add(notMeasured("≥ 1,000× the seeds' cadence"));
        }
        return checks;
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

    private static Optional<Scenario> firstUnsustained(List<Scenario> runs, long latency) {
        return measured(runs)
                .filter(s -> s.system().equals(PIPELINE) && s.providerLatencyMs() == latency && !s.sustainable())
                .filter(s -> !s.name().startsWith("matched"))
                .findFirst();
    }

    private static String sweepNote(List<Sweep> sweeps, long latency) {
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

    private static @Nullable Double ratio(double a, double b) {
        return b > 0 ? a / b : null;
    }

    private static TargetCheck notMeasured(String target) {
        return new TargetCheck(target, "—", "not measured", "");
    }

    private static String n(double v) {
        return io.picturepipeline.bench.report.ReportWriter.num(v);
    }
}
