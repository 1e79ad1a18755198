package io.picturepipeline.bench;

import io.picturepipeline.bench.report.ReportWriter;
import io.picturepipeline.bench.report.Results.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The report of one run, written once: when the run ends, or when it is stopped by hand (Ctrl-C, kill), then with
 * what it measured until then.
 */
final class RunReport {

    private final BenchOptions options;
    private final Plan plan;
    private final Findings findings;
    private final Map<String, String> settings;
    private final Instant startedAt = Instant.now();
    private final String loadBefore = MachineFacts.loadAverage();
    private boolean written;

    RunReport(BenchOptions options, Plan plan, Findings findings, Map<String, String> settings) {
        this.options = options;
        this.plan = plan;
        this.findings = findings;
        this.settings = settings;
    }

    String loadBefore() {
        return loadBefore;
    }

    synchronized void stoppedByHand() {
        if (!written) {
            findings.notes()
                    .add("The run was stopped by hand at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                            + " UTC: this report holds what it measured until then.");
            write();
        }
    }

    synchronized void write() {
        if (written) {
            return;
        }
        written = true;
        Report report = new Report(
                options.command(),
                plan.name(),
                startedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                Duration.between(startedAt, Instant.now()).toSeconds() / 60.0,
                MachineFacts.describe(loadBefore),
                settings,
                findings.scenarios(),
                findings.sweeps(),
                findings.sse(),
                Verdicts.targets(findings.scenarios(), findings.sweeps(), findings.sse()),
                Verdicts.ratios(findings.scenarios()),
                IssueTargets.issue12(findings.scenarios(), findings.sweeps(), findings.sse()),
                IssueTargets.issue13(findings.scenarios()),
                findings.notes());
        try {
            ReportWriter.write(report, options.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bench.log("report: " + options.out().resolve("report.md") + " and report.json");
    }
}
