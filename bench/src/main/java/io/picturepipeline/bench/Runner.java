package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.load.HttpTarget;
import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.bench.measure.DrainWait;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import io.picturepipeline.bench.measure.PeakInWindow;
import io.picturepipeline.bench.measure.Prometheus;
import io.picturepipeline.bench.measure.SampledValue;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.stack.BenchStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/** Runs one {@link Workload} against this pipeline or the seeds' queue and measures it. */
final class Runner {

    static final String MODEL = "bytedance/sdxl-lightning-4step";
    static final int SIDE = 256;

    private final BenchStack stack;
    private final LifecycleWatcher watcher;
    private final List<String> tokens;
    private final long epochMinusNanoTime;
    private final Consumer<String> log;
    private final Duration drainLimit;
    private final Measurement measurement;

    Runner(
            BenchStack stack,
            LifecycleWatcher watcher,
            List<String> tokens,
            Path outDir,
            long epochMinusNanoTime,
            Duration drainLimit,
            Consumer<String> log) {
        this.stack = stack;
        this.drainLimit = drainLimit;
        this.watcher = watcher;
        this.tokens = tokens;
        this.epochMinusNanoTime = epochMinusNanoTime;
        this.log = log;
        this.measurement = new Measurement(stack, outDir, log);
    }

    LifecycleWatcher watcher() {
        return watcher;
    }

    /** Waits, at most the plan's drain limit, until nothing the runs before started is still in flight. */
    Drain awaitDrain(String before) {
        Drain drain;
        try (Connection db = stack.postgres().connect(BenchStack.PIPELINE_DB)) {
            drain = DrainWait.await(
                    () -> RunQueries.inFlight(db, watcher), drainLimit, Duration.ofSeconds(1), OpenLoop.Clock.SYSTEM);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        log.accept(String.format(
                Locale.ROOT,
                "drain before %s: %s after %.1f s (%s)",
                before,
                drain.drained() ? "drained" : "NOT drained",
                drain.waitedSeconds(),
                drain.state()));
        return drain;
    }

    /** This pipeline through its REST API; completions seen on the lifecycle topic. */
    Scenario pipeline(Workload w) {
        Drain drain = awaitDrain(w.label());
        stack.providerLatency(w.providerLatency());
        URI metricsGen = URI.create(stack.actuator("generation-consumer", "prometheus"));
        URI metricsProjection = URI.create(stack.actuator("projection", "prometheus"));
        try (HttpTarget target = new HttpTarget(
                        URI.create(stack.apiUrl() + "/api/v1/generations"), tokens, Runner::pipelineBody);
                Connection db = stack.postgres().connect(BenchStack.PIPELINE_DB)) {
            List<SampledValue> sampled = List.of(
                    new SampledValue(
                            "predictions in flight (gauge)",
                            "generation-consumer pipeline_predictions_in_flight",
                            () -> Prometheus.scrape(metricsGen, "pipeline_predictions_in_flight")),
                    new SampledValue(
                            "predictions in flight (table)",
                            "count(*) of generation.prediction in creating/created/running",
                            () -> RunQueries.count(
                                    db,
                                    "select count(*) from generation.prediction"
                                            + " where status in ('creating', 'created', 'running')")),
                    new SampledValue(
                            "projection lag (gauge)",
                            "projection pipeline_projection_lag_seconds",
                            () -> Prometheus.scrape(metricsProjection, "pipeline_projection_lag_seconds")),
                    loadAverage());
            String statsBefore = stack.providerStats();
            OptionalDouble rateLimitedBefore = rateLimited(metricsGen);
            PeakInWindow creates = new PeakInWindow();
            PeakInWindow otherCalls = new PeakInWindow();
            Runnable providerTick = () -> {
                try {
                    String stats = stack.providerStats();
                    long now = System.nanoTime();
                    creates.record(now, ProviderFigures.creates(stats));
                    otherCalls.record(now, ProviderFigures.otherCalls(stats));
                } catch (RuntimeException e) {
                    // a missed sample only narrows the window figures
                }
            };
            Instant started = Instant.now();
            return measurement.run(
                    w,
                    new Measurement.Probes(
                            target,
                            watcher::attach,
                            sampled,
                            providerTick,
                            stack.components(),
                            recorder -> {
                                Map<String, Object> extra = new LinkedHashMap<>();
                                extra.putAll(RunQueries.projectionLagFromTable(db, started));
                                extra.putAll(RunQueries.hops(db, started));
                                String statsAfter = stack.providerStats();
                                extra.put("provider", ProviderFigures.delta(statsBefore, statsAfter));
                                extra.putAll(ProviderFigures.between(
                                        statsBefore,
                                        statsAfter,
                                        recorder.acceptedCount(),
                                        rateLimitedBefore,
                                        rateLimited(metricsGen),
                                        creates,
                                        otherCalls));
                                return extra;
                            },
                            w.profile() ? List.copyOf(stack.processes().keySet()) : List.of()),
                    false,
                    drain);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seeds' queue: a fresh baseline process for this run. */
    Scenario seeds(Workload w, List<String> modeArgs, boolean cadence) {
        if (watcher != null && !watcher.awaitQuiet(Duration.ofSeconds(3), Duration.ofMinutes(3))) {
            log.accept("the pipeline did not go quiet within 3 minutes; starting " + w.label() + " anyway");
        }
        stack.providerLatency(w.providerLatency());
        try (BaselineProcess seeds = BaselineProcess.start(stack, w.system(), modeArgs, epochMinusNanoTime);
                HttpTarget target = new HttpTarget(seeds.submitUri(), List.of(), Runner::seedsBody);
                Connection db = stack.postgres().connect(BenchStack.BASELINE_DB)) {
            List<SampledValue> sampled = List.of(
                    new SampledValue(
                            "predictions in flight (worker)",
                            "generate-image jobs between create and the last poll",
                            () -> jsonNumber(seeds.stats(), "predictionsInFlight")),
                    new SampledValue(
                            "pending jobs (queue_health)",
                            "the seeds' queue_health view",
                            () -> RunQueries.health(db)
                                    .map(h -> OptionalDouble.of(h.pendingJobs()))
                                    .orElse(OptionalDouble.empty())),
                    new SampledValue(
                            "processing jobs (queue_health)",
                            "the seeds' queue_health view",
                            () -> RunQueries.health(db)
                                    .map(h -> OptionalDouble.of(h.processingJobs()))
                                    .orElse(OptionalDouble.empty())));
            List<Component> components = new ArrayList<>(stack.components());
            components.add(components.size() - 1, Component.process("seeds (start-generation + worker)", seeds.pid()));
            Instant started = Instant.now();
            String statsBefore = stack.providerStats();
            return measurement.run(
                    w,
                    new Measurement.Probes(
                            target,
                            seeds::attach,
                            sampled,
                            () -> {},
                            components,
                            recorder -> {
                                Map<String, Object> extra = new LinkedHashMap<>();
                                String stats = seeds.stats();
                                extra.put("worker", stats);
                                extra.putAll(RunQueries.seedsJobs(db, started, w.duration()));
                                if (cadence) {
                                    double wakes = jsonNumber(stats, "wakes").orElse(0);
                                    Object jobs = extra.get("jobs completed in the window");
                                    if (wakes > 0 && jobs instanceof Long n) {
                                        extra.put("jobs per wake", fmt(n / wakes));
                                        extra.put("jobs per hour (60 wakes)", Math.round(n / wakes * 60));
                                    }
                                }
                                try {
                                    SeedQueue.Alerts alerts = SeedQueue.alerts(db);
                                    extra.put(
                                            "seed alerts at the end",
                                            "queue depth " + alerts.queueDepth()
                                                    + (alerts.queueDepthAlert() ? " (ALERT > 50)" : "")
                                                    + ", stuck " + alerts.stuckJobs() + ", error rate "
                                                    + alerts.errorRatePercent() + "%");
                                } catch (SQLException e) {
                                    extra.put("seed alerts at the end", "unreadable: " + e.getMessage());
                                }
                                extra.put("provider", ProviderFigures.delta(statsBefore, stack.providerStats()));
                                return extra;
                            },
                            List.of()),
                    cadence,
                    null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String KEPT_UP_FROM = "completions kept up from (s after the first arrival)";
    static final String LAST_COMPLETION = "last completion (s after the first arrival)";

    private static OptionalDouble rateLimited(URI metrics) {
        return Prometheus.scrapeSum(metrics, "pipeline_provider_errors_total", "kind=\"rate_limited\"");
    }

    static String pipelineBody(long seq) {
        return "{\"prompt\":\"bench " + seq + " a lighthouse at dawn\",\"model\":\"" + MODEL + "\",\"width\":" + SIDE
                + ",\"height\":" + SIDE + ",\"steps\":4,\"seed\":" + seq + "}";
    }

    static String seedsBody(long seq) {
        return "{\"user_id\":\"bench-user-" + (seq % 1000) + "\",\"prompt\":\"bench " + seq
                + " a lighthouse at dawn\",\"model_id\":\"" + MODEL + "\",\"width\":" + SIDE + ",\"height\":" + SIDE
                + ",\"num_inference_steps\":4,\"seed\":" + seq + "}";
    }

    /** The machine's 1-minute load average: how much else was running (2 = both cores busy). */
    static SampledValue loadAverage() {
        return new SampledValue("machine load average (1 min)", "/proc/loadavg", () -> {
            try {
                return OptionalDouble.of(Double.parseDouble(
                        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
            } catch (java.io.IOException | RuntimeException e) {
                return OptionalDouble.empty();
            }
        });
    }

    static OptionalDouble jsonNumber(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.]+)")
                .matcher(json);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String fmt(double v) {
        return io.picturepipeline.bench.report.ReportWriter.num(v);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
