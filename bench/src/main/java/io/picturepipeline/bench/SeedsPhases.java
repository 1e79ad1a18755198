package io.picturepipeline.bench;

import io.picturepipeline.bench.report.ReportWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The seeds' job queue: as it runs today (every 60 s, 3 jobs) and tuned, with a worker sweep per provider latency. */
final class SeedsPhases {

    private final Findings findings;

    SeedsPhases(Findings findings) {
        this.findings = findings;
    }

    void run(BenchOptions options, Plan plan, Runner runner) {
        Set<String> phases = options.phases();
        if (phases.contains("seeds-cadence")) {
            findings.add(findings.guard(
                    "seeds cadence",
                    () -> runner.seeds(
                            new Workload(
                                    "seeds-cadence",
                                    "every 60 s, 3 jobs",
                                    plan.cadenceLatency(),
                                    plan.cadenceRate(),
                                    plan.cadenceWindow(),
                                    options.quick() ? d(0) : d(90),
                                    false),
                            List.of("mode=cadence", "parallel=3", "interval=PT60S", "first-wake=PT5S"),
                            true)));
        }
        if (phases.contains("seeds-tuned")) {
            for (Duration latency : plan.tunedLatencies()) {
                workerSweep(plan, runner, latency);
            }
        }
    }

    /**
     * The tuned baseline at one provider latency: each worker count of the plan in turn, until one sustains less
     * than 5% more than the best before it ({@link WorkerSweep}).
     */
    private void workerSweep(Plan plan, Runner runner, Duration latency) {
        Double best = null;
        int bestWorkers = 0;
        for (int workers : plan.seedsWorkerCounts()) {
            Double sustained = tunedSweep(plan, runner, workers, latency, best);
            if (best != null && !WorkerSweep.improved(best, sustained)) {
                findings.notes()
                        .add("The tuned baseline's worker sweep at a " + latency.toMillis() + " ms provider stopped at "
                                + workers + " workers: "
                                + (sustained == null ? "no rate" : ReportWriter.num(sustained) + "/s")
                                + " sustained, not 5% more than " + ReportWriter.num(best) + "/s with " + bestWorkers
                                + " workers (the best).");
                return;
            }
            if (sustained != null && (best == null || sustained > best)) {
                best = sustained;
                bestWorkers = workers;
            }
        }
        if (best != null) {
            findings.notes()
                    .add("The tuned baseline's worker sweep at a " + latency.toMillis()
                            + " ms provider tried every worker"
                            + " count of the plan " + plan.seedsWorkerCounts() + "; the best was " + bestWorkers
                            + " workers ("
                            + ReportWriter.num(best) + "/s).");
        }
    }

    private Double tunedSweep(Plan plan, Runner runner, int workers, Duration latency, Double previousBest) {
        Duration step = latency.toSeconds() >= 20 ? plan.tunedStepAt20s() : plan.tunedStep();
        return findings.sweep(
                "seeds-tuned-" + workers,
                latency.toMillis(),
                "seeds tuned",
                WorkerSweep.rates(workers, latency, plan.tunedFactors(), previousBest),
                rate -> runner.seeds(
                        new Workload(
                                "seeds-tuned-" + workers,
                                "",
                                latency,
                                rate,
                                step,
                                latency.toSeconds() >= 20 ? d(90) : d(45),
                                false),
                        List.of("mode=tuned", "workers=" + workers, "idle=PT0.1S"),
                        false),
                () -> {});
    }

    private static Duration d(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
