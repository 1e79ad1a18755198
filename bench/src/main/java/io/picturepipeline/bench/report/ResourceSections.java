package io.picturepipeline.bench.report;

import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Frame;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Report;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.ThreadUsage;
import java.util.List;
import java.util.stream.Collectors;

/** Where the time went: CPU and memory per component, JFR profiles, each run's own figures, and the notes. */
final class ResourceSections {

    private ResourceSections() {}

    /** CPU seconds, cores and peak RSS per component and run. */
    static void components(StringBuilder md, Report r) {
        md.append("## CPU and memory per component\n\n"
                + "Cores = CPU seconds / wall seconds of the run (2.0 = both cores). Busiest threads: cores per thread"
                + " group (Linux keeps 15 characters of a thread name; numbers folded to #).\n\n");
        md.append("| run | component | CPU s | cores | peak RSS MB | busiest threads |\n|---|---|---|---|---|---|\n");
        for (Scenario s : r.scenarios()) {
            for (ComponentUsage c : s.components()) {
                md.append(ReportWriter.row(
                        s.system() + " " + s.name(),
                        c.component(),
                        ReportWriter.num(c.cpuSeconds()),
                        ReportWriter.num(c.cores()),
                        ReportWriter.num(c.peakRssMb()),
                        threads(c.busiestThreads())));
            }
        }
        md.append('\n');
    }

    /** The JFR profiles of the profiled runs. */
    static void profiles(StringBuilder md, Report r) {
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
                        md.append(ReportWriter.row(
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
                                .forEach(w -> md.append(ReportWriter.row(
                                        "`" + ReportWriter.shorten(w.where()) + "`",
                                        Long.toString(w.events()),
                                        ReportWriter.num(w.seconds()))));
                        md.append('\n');
                    }
                }
            }
        }
    }

    /** Each run's own figures, then the notes. */
    static void details(StringBuilder md, Report r) {
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
                                    .map(x -> x.name() + " max " + ReportWriter.num(x.max()) + " (p50 "
                                            + ReportWriter.num(x.p50()) + ")")
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
    }

    private static String threads(List<ThreadUsage> threads) {
        return threads.stream()
                .limit(4)
                .map(t -> "`" + t.thread() + "`" + (t.threads() > 1 ? "×" + t.threads() : "") + " "
                        + ReportWriter.num(t.cores()))
                .collect(Collectors.joining(", "));
    }

    private static String name(List<Frame> frames, int i) {
        return i < frames.size() ? "`" + ReportWriter.shorten(frames.get(i).frame()) + "`" : "";
    }

    private static String pct(List<Frame> frames, int i) {
        return i < frames.size() ? ReportWriter.num(frames.get(i).percent()) : "";
    }
}
