package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.load.HttpTarget;
import io.picturepipeline.bench.load.OpenLoop;
import io.picturepipeline.bench.load.RunRecorder;
import io.picturepipeline.bench.load.Target;
import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.bench.measure.ComponentSampler;
import io.picturepipeline.bench.measure.DrainWait;
import io.picturepipeline.bench.measure.JfrSummary;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import io.picturepipeline.bench.measure.PeakInWindow;
import io.picturepipeline.bench.measure.Prometheus;
import io.picturepipeline.bench.measure.SampledValue;
import io.picturepipeline.bench.report.Results.ComponentUsage;
import io.picturepipeline.bench.report.Results.Drain;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Profile;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.stack.BenchStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Runs one {@link Workload} against this pipeline or the seeds' queue and measures it. */
final class Runner {

    static final String MODEL = "bytedance/sdxl-lightning-4step";
    static final int SIDE = 256;

    private final BenchStack stack;
    private final LifecycleWatcher watcher;
    private final List<String> tokens;
    private final Path outDir;
    private final long epochMinusNanoTime;
    private final Consumer<String> log;
    private final Duration drainLimit;

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
        this.outDir = outDir;
        this.epochMinusNanoTime = epochMinusNanoTime;
        this.log = log;
    }

    LifecycleWatcher watcher() {
        return watcher;
    }

    /** This pipeline through its REST API; completions seen on the lifecycle topic. */
    Scenario pipeline(Workload w) {
        Drain drain;
        try (Connection db = stack.postgres().connect(BenchStack.PIPELINE_DB)) {
            drain = DrainWait.await(
                    () -> inFlight(db, watcher), drainLimit, Duration.ofSeconds(1), OpenLoop.Clock.SYSTEM);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        log.accept(String.format(
                Locale.ROOT,
                "drain before %s: %s after %.1f s (%s)",
                w.label(),
                drain.drained() ? "drained" : "NOT drained",
                drain.waitedSeconds(),
                drain.state()));
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
                            () -> count(
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
            return run(
                    w,
                    target,
                    watcher::attach,
                    sampled,
                    providerTick,
                    stack.components(),
                    recorder -> {
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.putAll(projectionLagFromTable(db, started));
                        String statsAfter = stack.providerStats();
                        extra.put("provider", providerDelta(statsBefore, statsAfter));
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
                    w.profile() ? List.copyOf(stack.processes().keySet()) : List.of(),
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
                            () -> health(db)
                                    .map(h -> OptionalDouble.of(h.pendingJobs()))
                                    .orElse(OptionalDouble.empty())),
                    new SampledValue(
                            "processing jobs (queue_health)",
                            "the seeds' queue_health view",
                            () -> health(db)
                                    .map(h -> OptionalDouble.of(h.processingJobs()))
                                    .orElse(OptionalDouble.empty())));
            List<Component> components = new ArrayList<>(stack.components());
            components.add(components.size() - 1, Component.process("seeds (start-generation + worker)", seeds.pid()));
            Instant started = Instant.now();
            String statsBefore = stack.providerStats();
            return run(
                    w,
                    target,
                    seeds::attach,
                    sampled,
                    () -> {},
                    components,
                    recorder -> {
                        Map<String, Object> extra = new LinkedHashMap<>();
                        String stats = seeds.stats();
                        extra.put("worker", stats);
                        extra.putAll(seedsJobs(db, started, w.duration()));
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
                        extra.put("provider", providerDelta(statsBefore, stack.providerStats()));
                        return extra;
                    },
                    List.of(),
                    cadence,
                    null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Scenario run(
            Workload w,
            Target target,
            Consumer<RunRecorder> attach,
            List<SampledValue> sampled,
            Runnable tick,
            List<Component> components,
            java.util.function.Function<RunRecorder, Map<String, Object>> extra,
            List<String> profiled,
            boolean cadence,
            @Nullable Drain drainBefore) {
        log.accept(String.format(
                Locale.ROOT,
                "%s %s: %s/s for %ds, provider %dms",
                w.system(),
                w.label(),
                Workload.rateLabel(w.rate()),
                w.duration().toSeconds(),
                w.providerLatency().toMillis()));
        OpenLoop loop = new OpenLoop(w.rate(), w.duration());
        long start = System.nanoTime() + 200_000_000L;
        int seconds = (int) (w.duration().toSeconds() + w.drain().toSeconds() + 10);
        RunRecorder recorder = new RunRecorder(start, seconds);
        attach.accept(recorder);
        ComponentSampler sampler = new ComponentSampler(components);
        Map<String, Path> recordings = new LinkedHashMap<>();
        for (String service : profiled) {
            Path file = outDir.resolve("jfr").resolve(slug(w.system() + "-" + w.label()) + "-" + service + ".jfr");
            try {
                Files.createDirectories(file.getParent());
                stack.startRecording(service, file);
                recordings.put(service, file);
            } catch (Exception e) {
                log.accept("could not start JFR in " + service + ": " + e.getMessage());
            }
        }
        sampler.start();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-sampler");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> {
                    sampled.forEach(SampledValue::sample);
                    sampler.sample();
                    tick.run();
                },
                0,
                1,
                TimeUnit.SECONDS);
        long[] seq = {0};
        OpenLoop.Timing timing =
                loop.run(OpenLoop.Clock.SYSTEM, start, intended -> target.submit(seq[0]++, intended, recorder));
        long arrivalsEnd = start + w.duration().toNanos();
        for (Map.Entry<String, Path> r : recordings.entrySet()) {
            try {
                stack.stopRecording(r.getKey());
            } catch (Exception e) {
                log.accept("could not stop JFR in " + r.getKey() + ": " + e.getMessage());
            }
        }
        long deadline = arrivalsEnd + w.drain().toNanos();
        while (System.nanoTime() < deadline
                && (recorder.outstanding() > 0
                        || target.outstandingRequests() > 0
                        || System.nanoTime() < arrivalsEnd)) {
            sleep(200);
        }
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ComponentUsage> usage = sampler.stop();
        attach.accept(null);

        long sent = recorder.sentCount();
        long accepted = recorder.acceptedCount();
        long rejected = recorder.rejectedCount();
        long unfinished = recorder.outstanding();
        int windowSeconds = (int) w.duration().toSeconds();
        double throughput = cadence
                ? recorder.finishedRate(0, windowSeconds)
                : recorder.finishedRate(windowSeconds / 2, windowSeconds);
        List<String> problems = new ArrayList<>();
        if (sent > 0 && rejected > sent / 1000) {
            problems.add(rejected + " refused");
        }
        if (!cadence && throughput < 0.95 * w.rate()) {
            problems.add("completions " + fmt(throughput) + "/s < 95% of offered");
        }
        if (unfinished > Math.max(0, accepted / 1000)) {
            problems.add(unfinished + " unfinished " + w.drain().toSeconds() + " s after the last arrival");
        }
        if (w.profile()) {
            problems.add(0, "profiled run, not used for targets");
        }
        boolean sustainable = problems.isEmpty() || (w.profile() && problems.size() == 1);
        List<Profile> profiles = new ArrayList<>();
        recordings.forEach((service, file) -> {
            try {
                profiles.add(JfrSummary.summarize(service, file, 12));
            } catch (Exception e) {
                log.accept("could not read " + file + ": " + e.getMessage());
            }
        });
        Scenario scenario = new Scenario(
                w.system(),
                w.label(),
                w.providerLatency().toMillis(),
                w.rate(),
                w.duration().toNanos() / 1e9,
                sent,
                accepted,
                rejected,
                recorder.errors(),
                recorder.completedCount(),
                recorder.failedCount(),
                unfinished,
                Latency.of(recorder.submitLatencyMicros()),
                Latency.of(recorder.endToEndMicros()),
                throughput,
                sustainable && !cadence,
                cadence
                        ? "n/a: fixed cadence" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems))
                        : String.join("; ", problems),
                recorder.maxBacklog(),
                timing.maxSendLagNanos() / 1e6,
                sampled.stream().map(SampledValue::result).toList(),
                usage,
                profiles,
                extras(extra.apply(recorder), recorder, w, cadence),
                drainBefore);
        log.accept(String.format(
                Locale.ROOT,
                "  → accepted %d/%d, submit p99 %s ms, e2e p50/p99 %s/%s ms, throughput %s/s, %s",
                accepted,
                sent,
                scenario.submit() == null ? "—" : fmt(scenario.submit().p99Ms()),
                scenario.endToEnd() == null ? "—" : fmt(scenario.endToEnd().p50Ms()),
                scenario.endToEnd() == null ? "—" : fmt(scenario.endToEnd().p99Ms()),
                fmt(throughput),
                scenario.verdict().startsWith("n/a")
                        ? scenario.verdict()
                        : scenario.sustainable() ? "sustained" : "NOT sustained: " + scenario.verdict()));
        return scenario;
    }

    static final String KEPT_UP_FROM = "completions kept up from (s after the first arrival)";
    static final String LAST_COMPLETION = "last completion (s after the first arrival)";

    /**
     * The run's own figures plus how soon completions kept up with arrivals (at least 90% of the offered rate in every
     * two seconds from then to the end of the arrivals) and when the last accepted generation finished: what the
     * fresh-start phase is for, and cheap to give for every run.
     */
    private static Map<String, Object> extras(
            Map<String, Object> own, RunRecorder recorder, Workload w, boolean cadence) {
        Map<String, Object> out = new LinkedHashMap<>(own);
        if (cadence) {
            return out;
        }
        int window = (int) w.duration().toSeconds();
        out.put(
                KEPT_UP_FROM,
                recorder.keptUpFromSecond(w.rate(), window, 0.9).isPresent()
                        ? (Object)
                                recorder.keptUpFromSecond(w.rate(), window, 0.9).getAsInt()
                        : "not within the " + window + " s of arrivals");
        if (recorder.outstanding() == 0) {
            recorder.lastFinishedAfterStartNanos().ifPresent(n -> out.put(LAST_COMPLETION, Math.round(n / 1e8) / 10.0));
        }
        return out;
    }

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

    /**
     * Whether the pipeline holds nothing from earlier runs: no unpublished outbox row, every accepted request known to
     * the projection, and none of them live there (queued, processing or downloading). If the tables cannot be read
     * (renamed by a later change), three seconds without a lifecycle event stand in.
     */
    static DrainWait.State inFlight(Connection db, LifecycleWatcher watcher) {
        try (PreparedStatement q = db.prepareStatement("""
                select (select count(*) from ingest.outbox),
                       (select count(*) from ingest.generation_request) - (select count(*) from projection.generation),
                       (select count(*) from projection.generation
                         where status in ('queued', 'processing', 'downloading'))
                """);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            long outbox = rs.getLong(1);
            long unseen = Math.max(0, rs.getLong(2));
            long live = rs.getLong(3);
            return new DrainWait.State(
                    outbox == 0 && unseen == 0 && live == 0,
                    "outbox " + outbox + ", not yet projected " + unseen + ", live " + live);
        } catch (SQLException e) {
            boolean quiet = watcher.quietFor(Duration.ofSeconds(3));
            return new DrainWait.State(
                    quiet, "tables unreadable (" + e.getMessage() + "), lifecycle quiet for 3 s: " + quiet);
        }
    }

    /** What the provider saw during the run: predictions, polls per prediction, downloads. */
    static String providerDelta(String before, String after) {
        double created = jsonNumber(after, "created").orElse(0)
                - jsonNumber(before, "created").orElse(0);
        double polls = jsonNumber(after, "polls").orElse(0)
                - jsonNumber(before, "polls").orElse(0);
        double downloads = jsonNumber(after, "fileDownloads").orElse(0)
                - jsonNumber(before, "fileDownloads").orElse(0);
        return String.format(
                Locale.ROOT,
                "%.0f predictions, %.0f polls (%s per prediction), %.0f image downloads",
                created,
                polls,
                created > 0 ? fmt(polls / created) : "—",
                downloads);
    }

    private static Map<String, Object> projectionLagFromTable(Connection db, Instant since) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("""
                select count(*), percentile_cont(0.5) within group (order by lag),
                       percentile_cont(0.99) within group (order by lag), max(lag)
                  from (select extract(epoch from updated_at - last_event_at) as lag
                          from projection.generation
                         where status = 'completed' and last_event_at >= ?) t
                """)) {
            q.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                out.put(
                        "projection lag of the terminal event (updated_at - last_event_at, s)",
                        "n " + rs.getLong(1) + ", p50 " + fmt(rs.getDouble(2)) + ", p99 " + fmt(rs.getDouble(3))
                                + ", max " + fmt(rs.getDouble(4)));
            }
        } catch (SQLException e) {
            out.put("projection lag of the terminal event", "unreadable: " + e.getMessage());
        }
        return out;
    }

    private static Map<String, Object> seedsJobs(Connection db, Instant started, Duration window) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("""
                select job_type, count(*) from job_queue
                 where status = 'completed' and completed_at >= ? and completed_at < ?
                 group by job_type order by job_type
                """)) {
            q.setTimestamp(1, Timestamp.from(started));
            q.setTimestamp(2, Timestamp.from(started.plus(window)));
            long total = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put("jobs completed in the window: " + rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            out.put("jobs completed in the window", total);
            out.put("jobs per hour", Math.round(total * 3600.0 / window.toSeconds()));
        } catch (SQLException e) {
            out.put("jobs", "unreadable: " + e.getMessage());
        }
        return out;
    }

    private static java.util.Optional<SeedQueue.Health> health(Connection db) {
        try {
            return java.util.Optional.of(SeedQueue.health(db));
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    private static OptionalDouble count(Connection db, String sql) {
        try (PreparedStatement q = db.prepareStatement(sql);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return OptionalDouble.of(rs.getLong(1));
        } catch (SQLException e) {
            return OptionalDouble.empty();
        }
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
