package io.picturepipeline.bench;

import static io.picturepipeline.bench.IssueTargets.NO;
import static io.picturepipeline.bench.IssueTargets.byName;
import static io.picturepipeline.bench.IssueTargets.causes;
import static io.picturepipeline.bench.IssueTargets.completion;
import static io.picturepipeline.bench.IssueTargets.keptUp;
import static io.picturepipeline.bench.IssueTargets.measured;
import static io.picturepipeline.bench.IssueTargets.met;
import static io.picturepipeline.bench.IssueTargets.n;
import static io.picturepipeline.bench.IssueTargets.notMeasured;
import static io.picturepipeline.bench.IssueTargets.refused;
import static io.picturepipeline.bench.IssueTargets.workersTried;

import io.picturepipeline.bench.report.CpuPerGeneration;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetRow;
import io.picturepipeline.bench.sse.HeapPerStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The targets table of issue 12 (cost per generation, bursts, cold starts, SSE, against the best-tuned baseline). See {@link IssueTargets}. */
final class Issue12Targets {

    private Issue12Targets() {}

    static List<TargetRow> rows(List<Scenario> runs, List<Sweep> sweeps, List<SseRun> sse) {
        List<TargetRow> rows = new ArrayList<>();
        Optional<Sweep> sweep0 = sweeps.stream()
                .filter(w -> w.system().equals(Verdicts.PIPELINE) && w.providerLatencyMs() == 0)
                .findFirst();
        String throughput = "sustained throughput, 0 ms provider, 2 cores";
        rows.add(sweep0.map(w -> w.highestSustainedRate() == null
                        ? new TargetRow(
                                throughput, "≥ 250/s", "no rate of the sweep sustained (" + w.scenarios() + ")", NO)
                        : new TargetRow(
                                throughput,
                                "≥ 250/s",
                                n(w.highestSustainedRate()) + "/s (highest sustained of " + w.scenarios() + ")",
                                met(w.highestSustainedRate() >= 250)))
                .orElse(notMeasured(
                        throughput, "≥ 250/s", "no 0 ms sweep: not selected, or it stopped early (see the notes)")));

        Optional<Scenario> pipe = Verdicts.bestSustained(runs, Verdicts.PIPELINE, 0);
        Optional<Scenario> tuned = Verdicts.bestSustainedTuned(runs, 0);
        String against = "against the best-tuned baseline (after its worker sweep), same run";
        if (pipe.isPresent() && tuned.isPresent() && tuned.get().throughputPerSecond() > 0) {
            double ratio = pipe.get().throughputPerSecond() / tuned.get().throughputPerSecond();
            rows.add(new TargetRow(
                    against,
                    "≥ 3×",
                    n(ratio) + "× (" + n(pipe.get().throughputPerSecond()) + "/s vs "
                            + n(tuned.get().throughputPerSecond()) + "/s, best: "
                            + tuned.get().system()
                            + " of the worker counts tried " + workersTried(sweeps, 0) + ")",
                    met(ratio >= 3)));
        } else {
            rows.add(notMeasured(
                    against,
                    "≥ 3×",
                    pipe.isEmpty()
                            ? "no sustained pipeline run with a 0 ms provider"
                            : "no sustained tuned-baseline run with a 0 ms provider"));
        }

        String cpu = "CPU per generation, all components";
        Optional<Map<String, Double>> pipeCpu = pipe.map(CpuPerGeneration::of).filter(m -> !m.isEmpty());
        if (pipeCpu.isPresent()) {
            double total = pipeCpu.get().get(CpuPerGeneration.TOTAL);
            String baseline = tuned.map(CpuPerGeneration::of)
                    .filter(m -> !m.isEmpty())
                    .map(m -> "; the baseline " + n(m.get(CpuPerGeneration.TOTAL)) + " ms ("
                            + tuned.get().system() + " at " + tuned.get().name() + ")")
                    .orElse("");
            rows.add(new TargetRow(
                    cpu,
                    "≤ 6 ms",
                    n(total) + " ms (the pipeline at " + pipe.get().name() + ", 0 ms provider" + baseline + ")",
                    met(total <= 6)));
        } else {
            rows.add(notMeasured(cpu, "≤ 6 ms", "no sustained pipeline run with a 0 ms provider"));
        }

        String submit = "submit p99";
        Optional<Scenario> at200 = measured(runs)
                .filter(s -> s.system().equals(Verdicts.PIPELINE)
                        && s.providerLatencyMs() == 0
                        && s.offeredRate() == Plan.SUBMIT_TARGET_RATE
                        && s.submit() != null)
                .findFirst();
        rows.add(at200.map(s -> new TargetRow(
                        submit,
                        "≤ 15 ms at 200/s",
                        n(s.submit().p99Ms()) + " ms at 200/s (p50 "
                                + n(s.submit().p50Ms()) + ")" + refused(s),
                        met(s.submit().p99Ms() <= 15)))
                .orElse(notMeasured(submit, "≤ 15 ms at 200/s", "no pipeline run at 200/s with a 0 ms provider")));

        String fresh = "fresh start, 50/s for 10 s, 0 ms provider: submit→completed p99";
        Optional<Scenario> freshRun = byName(runs, Plan.FRESH_START.label());
        rows.add(freshRun.map(s -> s.endToEnd() == null
                        ? new TargetRow(
                                fresh,
                                "≤ 3 s",
                                "nothing completed: " + completion(s) + refused(s) + "; submit p99 "
                                        + (s.submit() == null
                                                ? "—"
                                                : n(s.submit().p99Ms()) + " ms"),
                                NO)
                        : new TargetRow(
                                fresh,
                                "≤ 3 s",
                                n(s.endToEnd().p99Ms() / 1000) + " s (p50 "
                                        + n(s.endToEnd().p50Ms() / 1000) + " s); completions kept up from "
                                        + keptUp(s) + "; " + completion(s) + refused(s),
                                met(s.endToEnd().p99Ms() <= 3_000 && s.unfinished() == 0 && s.failed() == 0)))
                .orElse(notMeasured(
                        fresh, "≤ 3 s", "no fresh-start run: not selected, or it stopped early (see the notes)")));

        String burst = "burst 120/s for 30 s, 20 s provider: refused submissions";
        Optional<Scenario> burstRun = byName(runs, Plan.BURST.label());
        rows.add(burstRun.map(s -> new TargetRow(
                        burst,
                        "0, every accepted one completes",
                        s.rejected() + " of " + s.sent() + " refused" + causes(s) + "; submit p99 "
                                + (s.submit() == null ? "—" : n(s.submit().p99Ms()) + " ms") + "; " + completion(s),
                        met(s.rejected() == 0 && s.unfinished() == 0 && s.failed() == 0)))
                .orElse(notMeasured(
                        burst,
                        "0, every accepted one completes",
                        "no burst run: not selected, or it stopped early (see the notes)")));

        Optional<SseRun> sse5000 =
                sse.stream().filter(s -> s.streamsRequested() == 5_000).findFirst();
        String delivery = "SSE p99 delivery, 5,000 streams";
        rows.add(sse5000.filter(s -> s.delivery() != null)
                .map(s -> new TargetRow(
                        delivery,
                        "≤ 100 ms",
                        n(s.delivery().p99Ms()) + " ms (" + s.streamsOpen() + " streams open)",
                        met(s.streamsOpen() >= 5_000 && s.delivery().p99Ms() <= 100)))
                .orElse(notMeasured(
                        delivery, "≤ 100 ms", sse5000.map(SseRun::status).orElse("no run with 5,000 streams"))));

        String heap = "heap per idle SSE stream";
        Optional<SseRun> withHeap = sse.stream()
                .filter(s -> s.extra().get(HeapPerStream.KEY) instanceof Number)
                .reduce((a, b) -> b.streamsRequested() >= a.streamsRequested() ? b : a);
        rows.add(withHeap.map(s -> {
                    double kb = ((Number) s.extra().get(HeapPerStream.KEY)).doubleValue();
                    return new TargetRow(
                            heap, "≤ 30 KB", n(kb) + " KB (" + s.streamsOpen() + " streams open)", met(kb <= 30));
                })
                .orElse(notMeasured(heap, "≤ 30 KB", "no SSE run measured the heap")));
        return rows;
    }
}
