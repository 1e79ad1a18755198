package io.picturepipeline.bench.report;

import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Report;
import io.picturepipeline.bench.report.Results.Sampled;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetRow;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The report's head and its tables of runs: the run, the targets, every run's figures, sweeps, SSE delivery. */
final class RunSections {

    private RunSections() {}

    /** What ran where, when, and with which settings. */
    static void header(StringBuilder md, Report r) {
        md.append("# Picture Pipeline benchmark (").append(r.profile()).append(" run)\n\n");
        md.append("Started ")
                .append(r.startedAt())
                .append(", took ")
                .append(ReportWriter.num(r.wallMinutes()))
                .append(" min. Command: `")
                .append(r.command())
                .append("`\n\n");
        md.append("Machine: ")
                .append(r.machine().cpus())
                .append(" CPUs (")
                .append(r.machine().cpuModel())
                .append("), ")
                .append(r.machine().memoryMb() / 1024)
                .append(" GiB, ")
                .append(r.machine().java())
                .append(", ")
                .append(r.machine().os())
                .append(". Load average before: ")
                .append(r.machine().loadBefore())
                .append("; after: ")
                .append(r.machine().loadAfter())
                .append(".\n\n");
        if (!r.settings().isEmpty()) {
            md.append("Settings: ")
                    .append(r.settings().entrySet().stream()
                            .map(e -> e.getKey() + " = `" + e.getValue() + "`")
                            .collect(Collectors.joining("; ")))
                    .append(".\n\n");
        }
    }

    /** The issues' targets, the first issue's verdicts, the ratios against the seeds. */
    static void targets(StringBuilder md, Report r) {
        targetsTable(md, "Issue 12 targets (cost per generation, bursts, cold starts, SSE)", r.issue12());
        targetsTable(md, "Issue 13 targets (the provider)", r.issue13());
        if (!r.targets().isEmpty()) {
            md.append(
                    "## Targets of the first benchmark issue\n\n| target | measured | verdict | note |\n|---|---|---|---|\n");
            r.targets()
                    .forEach(t ->
                            md.append(ReportWriter.row(t.target(), t.measured(), "**" + t.verdict() + "**", t.note())));
            md.append('\n');
        }
        if (!r.ratios().isEmpty()) {
            md.append("## Against the seeds' queue\n\n| figure | this pipeline | seeds | ratio |\n|---|---|---|---|\n");
            r.ratios()
                    .forEach(x -> md.append(ReportWriter.row(
                            x.what(),
                            x.pipeline(),
                            x.baseline(),
                            x.ratio() == null ? "—" : ReportWriter.num(x.ratio()) + "×")));
            md.append('\n');
        }
    }

    /** One row per run, then the CPU per generation. */
    static void runs(StringBuilder md, Report r) {
        md.append("## Runs\n\n");
        md.append(
                "Latencies in ms: submit from the intended send time to the answer (open loop, no coordinated omission);"
                        + " submit→completed from the intended send time to the moment the benchmark learns of the"
                        + " completion. Throughput: completions per second over the second half of the arrival window."
                        + " Drained before: how long the run waited for the runs before it to drain (nothing in the"
                        + " outbox, every accepted generation projected and none live) before its window opened.\n\n");
        md.append(
                "| system | run | provider | offered /s | sent | accepted | submit p50 / p99 / p99.9 | submit→completed"
                        + " p50 / p99 | throughput /s | sustained | max backlog | max in flight | projection lag max s |"
                        + " load avg | drained before |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : r.scenarios()) {
            Sampled inFlight = firstOf(
                    s,
                    "predictions in flight (gauge)",
                    "predictions in flight (table)",
                    "predictions in flight (worker)");
            Sampled lag = s.sample("projection lag (gauge)");
            Sampled load = s.sample("machine load average (1 min)");
            md.append(ReportWriter.row(
                    s.system(),
                    s.name(),
                    s.providerLatencyMs() + " ms",
                    ReportWriter.num(s.offeredRate()),
                    Long.toString(s.sent()),
                    s.accepted() + (s.rejected() > 0 ? " (" + s.rejected() + " refused)" : ""),
                    triple(s.submit()),
                    pair(s.endToEnd()),
                    ReportWriter.num(s.throughputPerSecond()),
                    s.verdict().startsWith("n/a")
                            ? s.verdict()
                            : (s.sustainable() ? "yes" : "**no**")
                                    + (s.verdict().isEmpty() ? "" : ": " + s.verdict()),
                    Long.toString(s.maxBacklog()),
                    inFlight == null ? "—" : ReportWriter.num(inFlight.max()),
                    lag == null || lag.samples() == 0 ? "—" : ReportWriter.num(lag.max()),
                    load == null || load.samples() == 0
                            ? "—"
                            : ReportWriter.num(load.p50()) + "–" + ReportWriter.num(load.max()),
                    ReportWriter.drain(s.drainBefore())));
        }
        md.append('\n');

        cpuPerGeneration(md, r.scenarios());
    }

    /** The highest rate each sweep sustained. */
    static void sweeps(StringBuilder md, Report r) {
        if (!r.sweeps().isEmpty()) {
            md.append("## Sweeps\n\n| system | provider | highest sustained rate /s | runs |\n|---|---|---|---|\n");
            for (Sweep w : r.sweeps()) {
                md.append(ReportWriter.row(
                        w.system(),
                        w.providerLatencyMs() + " ms",
                        w.highestSustainedRate() == null ? "none" : ReportWriter.num(w.highestSustainedRate()),
                        String.join(", ", w.scenarios())));
            }
            md.append('\n');
        }
    }

    /** Event-stream delivery latency. */
    static void sse(StringBuilder md, Report r) {
        if (!r.sse().isEmpty()) {
            md.append("## SSE delivery (event produced → client received)\n\n"
                    + "| streams | open | events | p50 / p99 / p99.9 / max ms | status |\n|---|---|---|---|---|\n");
            for (SseRun s : r.sse()) {
                md.append(ReportWriter.row(
                        Integer.toString(s.streamsRequested()),
                        Integer.toString(s.streamsOpen()),
                        Long.toString(s.events()),
                        s.delivery() == null
                                ? "—"
                                : ReportWriter.num(s.delivery().p50Ms()) + " / "
                                        + ReportWriter.num(s.delivery().p99Ms()) + " / "
                                        + ReportWriter.num(s.delivery().p999Ms()) + " / "
                                        + ReportWriter.num(s.delivery().maxMs()),
                        s.status()));
            }
            md.append('\n');
            for (SseRun s : r.sse()) {
                s.extra()
                        .forEach((k, v) -> md.append("- ")
                                .append(s.streamsRequested())
                                .append(" streams, ")
                                .append(k)
                                .append(": ")
                                .append(v)
                                .append('\n'));
            }
            md.append('\n');
        }
    }

    private static void targetsTable(StringBuilder md, String title, List<TargetRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n| figure | target | this run | met? |\n|---|---|---|---|\n");
        rows.forEach(t -> md.append(ReportWriter.row(t.figure(), t.target(), t.thisRun(), t.met())));
        md.append('\n');
    }

    private static void cpuPerGeneration(StringBuilder md, List<Scenario> runs) {
        List<Scenario> measured =
                runs.stream().filter(s -> !CpuPerGeneration.of(s).isEmpty()).toList();
        if (measured.isEmpty()) {
            return;
        }
        md.append("## CPU per generation\n\n"
                + "Milliseconds of CPU per completed generation: each component's CPU over the run's window (arrivals"
                + " and drain, idle work included) divided by the generations completed in it.\n\n");
        md.append("| run | ")
                .append(String.join(" | ", CpuPerGeneration.COLUMNS.keySet()))
                .append(" | total |\n|---|");
        md.append("---|".repeat(CpuPerGeneration.COLUMNS.size() + 1)).append('\n');
        for (Scenario s : measured) {
            java.util.Map<String, Double> ms = CpuPerGeneration.of(s);
            List<String> cells = new java.util.ArrayList<>();
            cells.add(s.system() + " " + s.name() + " (" + s.providerLatencyMs() + " ms provider)");
            for (String column : CpuPerGeneration.COLUMNS.keySet()) {
                cells.add(ms.containsKey(column) ? ReportWriter.num(ms.get(column)) : "—");
            }
            cells.add("**" + ReportWriter.num(ms.get(CpuPerGeneration.TOTAL)) + "**");
            md.append(ReportWriter.row(cells.toArray(String[]::new)));
        }
        md.append('\n');
    }

    private static @Nullable Sampled firstOf(Scenario s, String... names) {
        for (String name : names) {
            Sampled sampled = s.sample(name);
            if (sampled != null && sampled.samples() > 0) {
                return sampled;
            }
        }
        return null;
    }

    private static String triple(@Nullable Latency l) {
        return l == null
                ? "—"
                : ReportWriter.num(l.p50Ms()) + " / " + ReportWriter.num(l.p99Ms()) + " / "
                        + ReportWriter.num(l.p999Ms());
    }

    private static String pair(@Nullable Latency l) {
        return l == null ? "—" : ReportWriter.num(l.p50Ms()) + " / " + ReportWriter.num(l.p99Ms());
    }
}
