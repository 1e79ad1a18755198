package io.picturepipeline.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a run measures, in three sizes: {@code --quick} (a few minutes, a smoke test of every part), {@code --short}
 * (everything, with shorter windows) and the full run (about 45 minutes on 2 cores).
 *
 * @param pipelineSweepRates the 0 ms provider sweep of this pipeline, rising until a rate is not sustained
 * @param seedsWorkerCounts tuned baseline: worker threads, tried in this order at each of {@code tunedLatencies} until
 *     one more step sustains less than 5% more than the best so far ({@link WorkerSweep})
 * @param tunedLatencies the provider latencies the tuned baseline's worker sweep runs at, in this order; a latency
 *     with the job time of one before it runs only that one's best worker count and the next ({@link SeedsPhases})
 * @param tunedFactors tuned baseline sweep points, as fractions of the estimated capacity N / (job time)
 * @param cadenceRate arrivals for the seeds' cadence: 3 generations a minute, twice what 3 jobs a minute can serve
 *     (each generation is two jobs), so that every wake finds 3 jobs and the run measures the cadence's capacity
 * @param drainLimit the longest a pipeline run waits for the load before it to drain ({@code DrainWait})
 */
public record Plan(
        String name,
        Duration warmup,
        double warmupRate,
        List<Double> pipelineSweepRates,
        Duration sweepStep,
        double pipeline2sRate,
        Duration pipeline2sDuration,
        double pipeline20sRate,
        Duration pipeline20sDuration,
        Duration cadenceWindow,
        double cadenceRate,
        Duration cadenceLatency,
        List<Integer> seedsWorkerCounts,
        List<Duration> tunedLatencies,
        List<Double> tunedFactors,
        Duration tunedStep,
        Duration tunedStepAt20s,
        Duration matchedStep,
        List<Integer> sseStreams,
        Duration sseDuration,
        double sseRate,
        boolean profile,
        Duration drainLimit) {

    /** The fresh-start phase: cold JVMs, then this load at once, 0 ms provider (the same in every plan). */
    public static final Workload FRESH_START = new Workload(
            "pipeline", "fresh start", Duration.ZERO, 50, Duration.ofSeconds(10), Duration.ofSeconds(120), false);

    /** The burst phase: far above the sustainable rate, 20 s provider; every accepted one is waited for (bounded). */
    public static final Workload BURST = new Workload(
            "pipeline", "burst", Duration.ofSeconds(20), 120, Duration.ofSeconds(30), Duration.ofMinutes(5), false);

    /** The rate of the submit-latency target (issue 12: submit p99 ≤ 15 ms at 200/s). */
    public static final double SUBMIT_TARGET_RATE = 200;

    public static Plan quick() {
        return new Plan(
                "quick",
                Duration.ofSeconds(10),
                50,
                List.of(50.0, 500.0),
                Duration.ofSeconds(15),
                100,
                Duration.ofSeconds(15),
                120,
                Duration.ofSeconds(30),
                Duration.ofSeconds(70),
                0.05,
                Duration.ofSeconds(2),
                List.of(16, 64),
                List.of(Duration.ofSeconds(2)),
                List.of(0.8),
                Duration.ofSeconds(20),
                Duration.ofSeconds(40),
                Duration.ofSeconds(20),
                List.of(1_000),
                Duration.ofSeconds(15),
                20,
                false,
                Duration.ofMinutes(2));
    }

    public static Plan full() {
        return new Plan(
                "full",
                Duration.ofSeconds(30),
                100,
                List.of(25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 750.0, 1_000.0, 1_250.0, 1_500.0),
                Duration.ofSeconds(60),
                250,
                Duration.ofSeconds(60),
                150,
                Duration.ofSeconds(90),
                Duration.ofSeconds(300),
                0.05,
                Duration.ofSeconds(20),
                List.of(3, 16, 64, 256, 1_024),
                List.of(Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(20)),
                List.of(0.8, 1.0, 1.15),
                Duration.ofSeconds(60),
                Duration.ofSeconds(90),
                Duration.ofSeconds(60),
                List.of(1_000, 5_000),
                Duration.ofSeconds(30),
                50,
                true,
                Duration.ofMinutes(5));
    }

    /** Everything the full run measures, with windows about half as long (about 25 minutes on 2 cores). */
    public static Plan shortFull() {
        return new Plan(
                "short full",
                Duration.ofSeconds(20),
                100,
                List.of(25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 750.0, 1_000.0, 1_250.0, 1_500.0),
                Duration.ofSeconds(30),
                250,
                Duration.ofSeconds(30),
                150,
                Duration.ofSeconds(60),
                Duration.ofSeconds(180),
                0.05,
                Duration.ofSeconds(20),
                List.of(3, 16, 64, 256, 1_024),
                List.of(Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(20)),
                List.of(0.8, 1.0, 1.15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                List.of(1_000, 5_000),
                Duration.ofSeconds(20),
                50,
                true,
                Duration.ofMinutes(4));
    }

    /**
     * The tuned baseline's capacity estimate: each worker finishes one generate-image job per provider latency,
     * rounded up to the 2 s poll (at least one poll), plus a short download-image job.
     */
    public static double seedsCapacityEstimate(int workers, Duration latency) {
        return workers / seedsJobSeconds(latency);
    }

    /**
     * How long one worker is busy with one generation: its 2 s polls until the prediction has ended (at least one, so
     * a 0 ms provider costs what a 2 s one does), plus a short download-image job.
     */
    public static double seedsJobSeconds(Duration latency) {
        double polls = Math.max(1, Math.ceil(latency.toMillis() / 2000.0));
        return polls * 2.0 + 0.1;
    }
}
