package io.picturepipeline.bench;

import static io.picturepipeline.bench.Verdicts.CADENCE;
import static io.picturepipeline.bench.Verdicts.PIPELINE;
import static io.picturepipeline.bench.Verdicts.bestSustained;
import static io.picturepipeline.bench.Verdicts.bestSustainedTuned;
import static io.picturepipeline.bench.Verdicts.firstUnsustained;
import static io.picturepipeline.bench.Verdicts.inFlight;
import static io.picturepipeline.bench.Verdicts.measured;
import static io.picturepipeline.bench.Verdicts.n;
import static io.picturepipeline.bench.Verdicts.notMeasured;
import static io.picturepipeline.bench.Verdicts.ratio;
import static io.picturepipeline.bench.Verdicts.sweepNote;

import io.picturepipeline.bench.report.Results.Sampled;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The first benchmark issue's targets, read off the runs ({@link Verdicts}); never invents a number. */
final class FirstIssueTargets {

    private FirstIssueTargets() {}

    static List<TargetCheck> checks(List<Scenario> runs, List<Sweep> sweeps, List<SseRun> sse) {
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
}
