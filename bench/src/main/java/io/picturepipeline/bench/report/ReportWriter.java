package io.picturepipeline.bench.report;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Frame;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Report;
import io.picturepipeline.bench.report.Results.Sampled;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetRow;
import io.picturepipeline.bench.report.Results.ThreadUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Report} as {@code report.json} and {@code report.md}. */
public final class ReportWriter {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportWriter() {}

    public static void write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), json(report));
        Files.writeString(dir.resolve("report.md"), markdown(report));
    }

    public static String json(Report report) {
        return JSON.writeValueAsString(report);
    }

    public static Report fromJson(String json) {
        return JSON.readValue(json, Report.class);
    }

    public static String markdown(Report r) {
        StringBuilder md = new StringBuilder();
        md.append("# Picture Pipeline benchmark (").append(r.profile()).append(" run)\n\n");
        md.append("Started ")
                .append(r.startedAt())
                .append(", took ")
                .append(num(r.wallMinutes()))
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

        targetsTable(md, "Issue 12 targets (cost per generation, bursts, cold starts, SSE)", r.issue12());
        targetsTable(md, "Issue 13 targets (the provider)", r.issue13());
        if (!r.targets().isEmpty()) {
            md.append(
                    "## Targets of the first benchmark issue\n\n| target | measured | verdict | note |\n|---|---|---|---|\n");
            r.targets().forEach(t -> md.append(row(t.target(), t.measured(), "**" + t.verdict() + "**", t.note())));
            md.append('\n');
        }
        if (!r.ratios().isEmpty()) {
            md.append("## Against the seeds' queue\n\n| figure | this pipeline | seeds | ratio |\n|---|---|---|---|\n");
            r.ratios()
                    .forEach(x -> md.append(
                            row(x.what(), x.pipeline(), x.baseline(), x.ratio() == null ? "—" : num(x.ratio()) + "×")));
            md.append('\n');
        }

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
            md.append(row(
                    s.system(),
                    s.name(),
                    s.providerLatencyMs() + " ms",
                    num(s.offeredRate()),
                    Long.toString(s.sent()),
                    s.accepted() + (s.rejected() > 0 ? " (" + s.rejected() + " refused)" : ""),
                    triple(s.submit()),
                    pair(s.endToEnd()),
                    num(s.throughputPerSecond()),
                    s.verdict().startsWith("n/a")
                            ? s.verdict()
                            : (s.sustainable() ? "yes" : "**no**")
                                    + (s.verdict().isEmpty() ? "" : ": " + s.verdict()),
                    Long.toString(s.maxBacklog()),
                    inFlight == null ? "—" : num(inFlight.max()),
                    lag == null || lag.samples() == 0 ? "—" : num(lag.max()),
                    load == null || load.samples() == 0 ? "—" : num(load.p50()) + "–" + num(load.max()),
                    drain(s.drainBefore())));
        }
        md.append('\n');

        cpuPerGeneration(md, r.scenarios());

        if (!r.sweeps().isEmpty()) {
            md.append("## Sweeps\n\n| system | provider | highest sustained rate /s | runs |\n|---|---|---|---|\n");
            for (Sweep w : r.sweeps()) {
                md.append(row(
                        w.system(),
                        w.providerLatencyMs() + " ms",
                        w.highestSustainedRate() == null ? "none" : num(w.highestSustainedRate()),
                        String.join(", ", w.scenarios())));
            }
            md.append('\n');
        }

        if (!r.sse().isEmpty()) {
            md.append("## SSE delivery (event produced → client received)\n\n"
                    + "| streams | open | events | p50 / p99 / p99.9 / max ms | status |\n|---|---|---|---|---|\n");
            for (SseRun s : r.sse()) {
                md.append(row(
                        Integer.toString(s.streamsRequested()),
                        Integer.toString(s.streamsOpen()),
                        Long.toString(s.events()),
                        s.delivery() == null
                                ? "—"
                                : num(s.delivery().p50Ms()) + " / "
                                        + num(s.delivery().p99Ms()) + " / "
                                        + num(s.delivery().p999Ms()) + " / "
                                        + num(s.delivery().maxMs()),
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

        md.append("## CPU and memory per component\n\n"
                + "Cores = CPU seconds / wall seconds of the run (2.0 = both cores). Busiest threads: cores per thread"
                + " group (Linux keeps 15 characters of a thread name; numbers folded to #).\n\n");
        md.append("| run | component | CPU s | cores | peak RSS MB | busiest threads |\n|---|---|---|---|---|---|\n");
        for (Scenario s : r.scenarios()) {
            for (ComponentUsage c : s.components()) {
                md.append(row(
                        s.system() + " " + s.name(),
                        c.component(),
                        num(c.cpuSeconds()),
                        num(c.cores()),
                        num(c.peakRssMb()),
                        threads(c.busiestThreads())));
            }
        }
        md.append('\n');

        List<Profile> profiles =
                r.scenarios().stream().flatMap(s -> s.profiles().stream()).toList();
        if (!profiles.isEmpty()) {
            md.append("## Profiles (JFR CPU samples)\n\n");
            for (Scenario s : r.scenarios()) {
                for (Profile p : s.profiles()) {
                    md.append("### ")
                            .append(p.component())
                            .append(" during ")
                            .append(s.system())
                            .append(' ')
                            .append(s.name())
                            .append(" (")
                            .append(p.samples())
                            .append(" samples, `")
                            .append(p.file())
                            .append("`)\n\n");
                    md.append("| top frame | % | our code on the stack | % | library | % | thread | % |\n"
                            + "|---|---|---|---|---|---|---|---|\n");
                    int n = Math.max(
                            Math.max(p.topLeafFrames().size(), p.topOwnFrames().size()),
                            Math.max(p.topLibraries().size(), p.topThreads().size()));
                    for (int i = 0; i < n; i++) {
                        md.append(row(
                                name(p.topLeafFrames(), i),
                                pct(p.topLeafFrames(), i),
                                name(p.topOwnFrames(), i),
                                pct(p.topOwnFrames(), i),
                                i < p.topLibraries().size()
                                        ? "`" + p.topLibraries().get(i).frame() + "`"
                                        : "",
                                pct(p.topLibraries(), i),
                                name(p.topThreads(), i),
                                pct(p.topThreads(), i)));
                    }
                    md.append('\n');
                    if (!p.topWaits().isEmpty()) {
                        md.append(
                                "| blocked (JFR events ≥ 1 ms, summed over threads) | events | seconds |\n|---|---|---|\n");
                        p.topWaits()
                                .forEach(w -> md.append(row(
                                        "`" + shorten(w.where()) + "`", Long.toString(w.events()), num(w.seconds()))));
                        md.append('\n');
                    }
                }
            }
        }

        List<Scenario> withExtra =
                r.scenarios().stream().filter(s -> !s.extra().isEmpty()).toList();
        if (!withExtra.isEmpty()) {
            md.append("## Details per run\n\n");
            for (Scenario s : withExtra) {
                md.append("- ")
                        .append(s.system())
                        .append(' ')
                        .append(s.name())
                        .append(": ")
                        .append(s.extra().entrySet().stream()
                                .map(e -> e.getKey() + " = " + e.getValue())
                                .collect(Collectors.joining("; ")));
                if (!s.errors().isEmpty()) {
                    md.append("; refused: ").append(s.errors());
                }
                if (!s.sampled().isEmpty()) {
                    md.append("; sampled: ")
                            .append(s.sampled().stream()
                                    .filter(x -> x.samples() > 0)
                                    .map(x -> x.name() + " max " + num(x.max()) + " (p50 " + num(x.p50()) + ")")
                                    .collect(Collectors.joining(", ")));
                }
                md.append('\n');
            }
            md.append('\n');
        }

        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static void targetsTable(StringBuilder md, String title, List<TargetRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n| figure | target | this run | met? |\n|---|---|---|---|\n");
        rows.forEach(t -> md.append(row(t.figure(), t.target(), t.thisRun(), t.met())));
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
                cells.add(ms.containsKey(column) ? num(ms.get(column)) : "—");
            }
            cells.add("**" + num(ms.get(CpuPerGeneration.TOTAL)) + "**");
            md.append(row(cells.toArray(String[]::new)));
        }
        md.append('\n');
    }

    static String drain(@Nullable Drain drain) {
        if (drain == null) {
            return "—";
        }
        return drain.drained()
                ? num(drain.waitedSeconds()) + " s"
                : "**not drained** after " + num(drain.waitedSeconds()) + " s (" + drain.state() + ")";
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

    private static String threads(List<ThreadUsage> threads) {
        return threads.stream()
                .limit(4)
                .map(t -> "`" + t.thread() + "`" + (t.threads() > 1 ? "×" + t.threads() : "") + " " + num(t.cores()))
                .collect(Collectors.joining(", "));
    }

    private static String name(List<Frame> frames, int i) {
        return i < frames.size() ? "`" + shorten(frames.get(i).frame()) + "`" : "";
    }

    private static String pct(List<Frame> frames, int i) {
        return i < frames.size() ? num(frames.get(i).percent()) : "";
    }

    /** {@code org.apache.kafka.clients.producer.KafkaProducer.send} → {@code o.a.k.c.p.KafkaProducer.send}. */
    static String shorten(String frame) {
        String[] parts = frame.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean keep = i >= parts.length - 2 || (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0)));
            out.append(keep ? parts[i] : parts[i].substring(0, Math.min(1, parts[i].length())));
            if (i < parts.length - 1) {
                out.append('.');
            }
        }
        return out.toString();
    }

    private static String triple(@Nullable Latency l) {
        return l == null ? "—" : num(l.p50Ms()) + " / " + num(l.p99Ms()) + " / " + num(l.p999Ms());
    }

    private static String pair(@Nullable Latency l) {
        return l == null ? "—" : num(l.p50Ms()) + " / " + num(l.p99Ms());
    }

    private static String row(String... cells) {
        return "| "
                + java.util.Arrays.stream(cells)
                        .map(c -> c.replace("|", "\\|").replace("\n", " "))
                        .collect(Collectors.joining(" | "))
                + " |\n";
    }

    /** Numbers with the precision they deserve: 0.123, 4.57, 45.7, 4567. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "—";
        }
        double a = Math.abs(v);
        String f = a == 0 ? "%.0f" : a < 1 ? "%.3f" : a < 10 ? "%.2f" : a < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, f, v);
    }
}
