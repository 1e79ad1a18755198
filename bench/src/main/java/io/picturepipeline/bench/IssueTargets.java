package io.picturepipeline.bench;

import io.picturepipeline.bench.load.RefusalCauses;
import io.picturepipeline.bench.report.ReportWriter;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.report.Results.TargetRow;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The targets tables of issue 12 (cost per generation, bursts, cold starts, SSE, against the best-tuned baseline)
 * and issue 13 (the provider), filled from this run's own figures: figure, target, this run, met. A figure the run
 * did not measure says so and why; nothing is carried over from elsewhere.
 */
final class IssueTargets {

    static final String YES = "yes";
    static final String NO = "no";
    static final String NOT_MEASURED = "not measured";

    private IssueTargets() {}

    /** Issue 12: cost per generation, bursts, cold starts, SSE, against the best-tuned baseline. */
    static List<TargetRow> issue12(List<Scenario> runs, List<Sweep> sweeps, List<SseRun> sse) {
        return Issue12Targets.rows(runs, sweeps, sse);
    }

    /** Issue 13: the provider. */
    static List<TargetRow> issue13(List<Scenario> runs) {
        return Issue13Targets.rows(runs);
    }

    static boolean isBurst(Scenario s) {
        return s.name().equals(Plan.BURST.label());
    }

    static String workersTried(List<Sweep> sweeps, long latency) {
        return sweeps.stream()
                .filter(w -> w.system().startsWith(Verdicts.TUNED) && w.providerLatencyMs() == latency)
                .map(w -> w.system().substring(Verdicts.TUNED.length()) + ": "
                        + (w.highestSustainedRate() == null ? "none" : n(w.highestSustainedRate()) + "/s"))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String keptUp(Scenario s) {
        Object from = s.extra().get(Runner.KEPT_UP_FROM);
        return from instanceof Number n ? n + " s" : String.valueOf(from);
    }

    static String completion(Scenario s) {
        if (s.accepted() == 0) {
            return "none accepted";
        }
        if (s.unfinished() == 0 && s.failed() == 0) {
            Object last = s.extra().get(Runner.LAST_COMPLETION);
            return "all " + s.accepted() + " accepted completed"
                    + (last instanceof Number n ? ", the last " + n + " s after the first arrival" : "");
        }
        return s.completed() + " of " + s.accepted() + " accepted completed, " + s.failed() + " failed, "
                + s.unfinished() + " unfinished at the end of the wait";
    }

    static String causes(Scenario s) {
        if (s.rejected() == 0) {
            return "";
        }
        return RefusalCauses.of(s.errors()).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    static String refused(Scenario s) {
        return s.rejected() == 0 ? "" : "; " + s.rejected() + " of " + s.sent() + " refused" + causes(s);
    }

    static Optional<Scenario> byName(List<Scenario> runs, String name) {
        return runs.stream()
                .filter(s -> s.system().equals(Verdicts.PIPELINE) && s.name().equals(name))
                .findFirst();
    }

    static java.util.stream.Stream<Scenario> measured(List<Scenario> runs) {
        return Verdicts.measured(runs);
    }

    static String met(boolean met) {
        return met ? YES : NO;
    }

    static TargetRow notMeasured(String figure, String target, String why) {
        return new TargetRow(figure, target, "— (" + why + ")", NOT_MEASURED);
    }

    static String n(@Nullable Double v) {
        return v == null ? "—" : ReportWriter.num(v);
    }
}
