package io.picturepipeline.bench;

import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.Sweep;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's phases on one stack: the runs matched to the tuned baseline, the 0 ms sweep, the 2 s run and the
 * profile; each after a warm-up.
 */
final class PipelinePhases {

    private final Findings findings;

    PipelinePhases(Findings findings) {
        this.findings = findings;
    }

    void warmUp(Plan plan, Runner runner) {
        findings.guard(
                "warm-up",
                () -> runner.pipeline(new Workload(
                        "pipeline", "warm-up", Duration.ZERO, plan.warmupRate(), plan.warmup(), d(30), false)));
    }

    void run(BenchOptions options, Plan plan, Runner runner) {
        Set<String> phases = options.phases();
        if (phases.contains("matched")) {
            for (Duration latency : List.of(Duration.ZERO, d(2), d(20))) {
                Optional<Scenario> tuned = Verdicts.bestSustainedTuned(findings.scenarios(), latency.toMillis());
                if (tuned.isEmpty()) {
                    continue;
                }
                double rate = tuned.get().offeredRate();
                Duration step = latency.toSeconds() >= 20 ? plan.tunedStepAt20s() : plan.matchedStep();
                findings.add(findings.guard(
                        "matched",
                        () -> runner.pipeline(new Workload(
                                "pipeline",
                                "matched to " + tuned.get().system() + " @" + Workload.rateLabel(rate) + "/s",
                                latency,
                                rate,
                                step,
                                d(60),
                                false))));
            }
        }
        if (phases.contains("pipeline-sweep")) {
            findings.sweep(
                    "pipeline",
                    0,
                    "pipeline sweep",
                    plan.pipelineSweepRates(),
                    rate -> runner.pipeline(
                            new Workload("pipeline", "", Duration.ZERO, rate, plan.sweepStep(), d(60), false)),
                    Findings::settle);
            boolean submitTargetRun = findings.scenarios().stream()
                    .anyMatch(s -> s.system().equals("pipeline")
                            && s.providerLatencyMs() == 0
                            && s.offeredRate() == Plan.SUBMIT_TARGET_RATE);
            if (!submitTargetRun && plan.pipelineSweepRates().contains(Plan.SUBMIT_TARGET_RATE)) {
                // the sweep stopped below it; the submit-latency target is still measured at its rate
                findings.add(findings.guard(
                        "pipeline at the submit target's rate",
                        () -> runner.pipeline(new Workload(
                                "pipeline",
                                Workload.rateLabel(Plan.SUBMIT_TARGET_RATE) + "/s (submit target, above the sweep)",
                                Duration.ZERO,
                                Plan.SUBMIT_TARGET_RATE,
                                plan.sweepStep(),
                                d(60),
                                false))));
            }
        }
        if (phases.contains("pipeline-2s")) {
            // no higher than the 0 ms sweep sustained: beyond it the run would only leave a backlog behind
            Optional<Sweep> sweep0 = findings.sweeps().stream()
                    .filter(w -> w.system().equals("pipeline"))
                    .findFirst();
            double rate = sweep0.map(Sweep::highestSustainedRate)
                    .map(best -> Math.min(best, plan.pipeline2sRate()))
                    .orElse(plan.pipeline2sRate());
            findings.add(findings.guard(
                    "pipeline 2 s",
                    () -> runner.pipeline(
                            new Workload("pipeline", "", d(2), rate, plan.pipeline2sDuration(), d(60), false))));
        }
        if (phases.contains("profile") && (plan.profile() || options.forceProfile())) {
            profile(plan, runner);
        }
    }

    /** JFR in every service at the rate where the 0 ms sweep stopped keeping up (or its top rate). */
    private void profile(Plan plan, Runner runner) {
        Optional<Scenario> limit = Verdicts.measured(findings.scenarios())
                .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0 && !s.sustainable())
                .findFirst()
                .or(() -> Verdicts.measured(findings.scenarios())
                        .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0)
                        .reduce((a, b) -> b));
        limit.ifPresent(s -> findings.add(findings.guard(
                "profile",
                () -> runner.pipeline(
                        new Workload("pipeline", "", Duration.ZERO, s.offeredRate(), plan.sweepStep(), d(60), true)
                                .profiled()))));
        findings.scenarios().stream()
                .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0 && s.offeredRate() == 500)
                .filter(s -> s.submit() != null && s.submit().p99Ms() > 15)
                .filter(s -> limit.map(l -> l.offeredRate() != 500).orElse(true))
                .findFirst()
                .ifPresent(s -> findings.add(findings.guard(
                        "profile at 500/s",
                        () -> runner.pipeline(
                                new Workload("pipeline", "", Duration.ZERO, 500, plan.sweepStep(), d(60), true)
                                        .profiled()))));
    }

    private static Duration d(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
