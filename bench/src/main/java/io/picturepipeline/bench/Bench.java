package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.measure.ComponentSampler;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import io.picturepipeline.bench.report.ReportWriter;
import io.picturepipeline.bench.report.Results.Latency;
import io.picturepipeline.bench.report.Results.Machine;
import io.picturepipeline.bench.report.Results.Report;
import io.picturepipeline.bench.report.Results.Scenario;
import io.picturepipeline.bench.report.Results.SseRun;
import io.picturepipeline.bench.report.Results.Sweep;
import io.picturepipeline.bench.sse.HeapPerStream;
import io.picturepipeline.bench.sse.SseProbe;
import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.infra.DemoTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The benchmark: this pipeline and the seeds' job queue, on the same machine, the same PostgreSQL and the same local
 * provider, in one run. Writes {@code report.md} and {@code report.json} to {@code bench/target/bench-report}.
 *
 * <pre>
 * ./pp bench [--quick | --short] [--only=phase,...] [--profile | --no-profile] [--users=20000]
 *             [--service-jvm-args="..."] [--service-arg=module:--key=value ...] [--one-process]
 * phases: pipeline-sweep, pipeline-2s, pipeline-20s, sse, seeds-cadence, seeds-tuned, matched, profile,
 *         fresh-start, burst
 * </pre>
 */
public final class Bench {

    static final List<String> PHASES = List.of(
            "pipeline-sweep",
            "pipeline-2s",
            "pipeline-20s",
            "sse",
            "seeds-cadence",
            "seeds-tuned",
            "matched",
            "profile",
            "fresh-start",
            "burst");

    static final String DEFAULT_JVM_ARGS = "-Xms256m -Xmx512m -XX:+UseSerialGC";

    /**
     * The SSE runs give the ingest-api a larger heap than the launcher's 512 MB: every open stream holds Tomcat's
     * request and response buffers (about 140 KB of byte[] and char[] per stream, measured with
     * {@code GC.class_histogram}), and 5,000 streams do not fit in 512 MB. The report records the heap in use.
     */
    static final List<String> SSE_INGEST_JVM_ARGS = List.of("-Xmx1536m");

    /**
     * Settings the benchmark gives the ingest-api: per-user rate limits (20 an hour, 100 a day by default) far above
     * what any bench user submits, and room for 5,000 SSE streams (1,000 by default). Load is also spread over
     * {@code --users} users, so that no user's history (which the limit check reads) grows long.
     */
    static final List<String> DEFAULT_INGEST_ARGS = List.of(
            "--pipeline.ingest.limits.hourly=1000000",
            "--pipeline.ingest.limits.daily=1000000",
            "--pipeline.ingest.streams.max-total=6000");

    private final List<Scenario> scenarios = new ArrayList<>();
    private final List<Sweep> sweeps = new ArrayList<>();
    private final List<SseRun> sse = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Bench() {}

    static final String USAGE = """
            usage: ./pp bench [--quick | --short] [--only=phase,...] [--profile | --no-profile] [--users=20000]
                              [--service-jvm-args="..."] [--service-arg=module:--key=value ...] [--out=dir] [--work=dir]
                              [--one-process]
            phases: %s
            (docs/benchmarks.md)""";

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE.formatted(String.join(", ", PHASES)));
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE.formatted(String.join(", ", PHASES)));
            System.exit(2);
            return;
        }
        new Bench().run(options);
    }

    record Options(
            boolean quick,
            boolean shortRun,
            boolean forceProfile,
            Set<String> phases,
            Path projectRoot,
            Path out,
            Path work,
            List<String> jvmArgs,
            Map<String, List<String>> serviceArgs,
            int users,
            boolean oneProcess,
            String command) {

        static Options parse(String[] args) {
            boolean quick = false;
            boolean shortRun = false;
            Set<String> phases = new TreeSet<>(PHASES);
            Path root = findProjectRoot();
            Path out = null;
            Path work = null;
            List<String> jvm = Arrays.asList(DEFAULT_JVM_ARGS.split(" "));
            Map<String, List<String>> serviceArgs = new LinkedHashMap<>();
            serviceArgs.put("ingest-api", new ArrayList<>(DEFAULT_INGEST_ARGS));
            int users = 20_000;
            boolean noProfile = false;
            boolean forceProfile = false;
            boolean oneProcess = false;
            for (String arg : args) {
                if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.equals("--short")) {
                    shortRun = true;
                } else if (arg.startsWith("--only=")) {
                    phases = new TreeSet<>(Arrays.asList(arg.substring(7).split(",")));
                    if (!PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("phases are " + PHASES + ", not " + phases);
                    }
                } else if (arg.equals("--no-profile")) {
                    noProfile = true;
                } else if (arg.equals("--profile")) {
                    forceProfile = true;
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(arg.substring(6));
                } else if (arg.startsWith("--work=")) {
                    work = Path.of(arg.substring(7));
                } else if (arg.startsWith("--service-jvm-args=")) {
                    jvm = Arrays.asList(arg.substring(19).trim().split("\\s+"));
                } else if (arg.startsWith("--service-arg=")) {
                    String spec = arg.substring(14);
                    int colon = spec.indexOf(':');
                    serviceArgs
                            .computeIfAbsent(spec.substring(0, colon), k -> new ArrayList<>())
                            .add(spec.substring(colon + 1));
                } else if (arg.startsWith("--users=")) {
                    users = Integer.parseInt(arg.substring(8));
                } else if (arg.equals("--one-process")) {
                    oneProcess = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (noProfile) {
                phases.remove("profile");
            }
            return new Options(
                    quick,
                    shortRun,
                    forceProfile,
                    phases,
                    root,
                    out != null ? out : root.resolve("bench/target/bench-report"),
                    work != null ? work : root.resolve("bench/target/bench-work"),
                    jvm,
                    serviceArgs,
                    users,
                    oneProcess,
                    "./pp bench " + String.join(" ", args));
        }

        private static Path findProjectRoot() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null) {
                if (Files.exists(dir.resolve("ingest-api")) && Files.exists(dir.resolve("pom.xml"))) {
                    return dir;
                }
                dir = dir.getParent();
            }
            throw new IllegalStateException("run from inside the Picture Pipeline checkout");
        }
    }

    private void run(Options options) throws Exception {
        Plan plan = options.quick() ? Plan.quick() : options.shortRun() ? Plan.shortFull() : Plan.full();
        this.plan = plan;
        Instant startedAt = Instant.now();
        String loadBefore = loadAverage();
        long epochMinusNanoTime = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now()) - System.nanoTime();
        log("plan " + plan.name() + ", phases " + options.phases() + ", load average " + loadBefore);

        this.epochMinusNanoTime = epochMinusNanoTime;
        this.tokens = IntStream.range(0, options.users())
                .mapToObj(i -> DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "bench-user-" + i, Duration.ofHours(12)))
                .toList();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("services", options.oneProcess() ? "the four in one JVM (--one-process, -Xmx1g)" : "one JVM each");
        settings.put("service JVM options", String.join(" ", options.jvmArgs()));
        settings.put("extra service arguments", options.serviceArgs().toString());
        settings.put("users (round-robin tokens)", Integer.toString(options.users()));
        settings.put(
                "request", "model " + Runner.MODEL + ", " + Runner.SIDE + "x" + Runner.SIDE + ", 4 steps, 1 output");

        Report report;
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeCurrentStack, "bench-stop"));
        Set<String> phases = options.phases();
        try {
            if (phases.contains("seeds-cadence") || phases.contains("seeds-tuned")) {
                group("seeds", false, options, settings, (stack, runner) -> seedsPhases(options, plan, runner));
            }
            if (phases.contains("fresh-start")) {
                group(
                        "fresh-start",
                        true,
                        options,
                        settings,
                        (stack, runner) -> add(guard("fresh start", () -> runner.pipeline(Plan.FRESH_START))));
            }
            if (phases.stream()
                    .anyMatch(p -> Set.of("pipeline-sweep", "pipeline-2s", "matched", "profile")
                            .contains(p))) {
                group("pipeline", true, options, settings, (stack, runner) -> {
                    warmUp(plan, runner);
                    pipelinePhases(options, plan, runner);
                });
            }
            if (phases.contains("pipeline-20s") || phases.contains("burst")) {
                group("pipeline-20s", true, options, settings, (stack, runner) -> {
                    warmUp(plan, runner);
                    if (phases.contains("burst")) {
                        add(guard("burst", () -> runner.pipeline(Plan.BURST)));
                    }
                    if (!phases.contains("pipeline-20s")) {
                        return;
                    }
                    add(guard(
                            "pipeline 20 s",
                            () -> runner.pipeline(new Workload(
                                    "pipeline",
                                    "",
                                    d(20),
                                    plan.pipeline20sRate(),
                                    plan.pipeline20sDuration(),
                                    d(90),
                                    false))));
                });
            }
            if (phases.contains("sse")) {
                settings.put("ingest-api JVM options in the SSE runs", String.join(" ", SSE_INGEST_JVM_ARGS));
                group("sse", true, options, settings, Map.of("ingest-api", SSE_INGEST_JVM_ARGS), (stack, runner) -> {
                    warmUp(plan, runner);
                    sse(plan, stack, runner);
                });
            }
        } catch (Exception e) {
            notes.add("The run stopped early: " + e);
            log("the run stopped early: " + e);
            e.printStackTrace();
        }
        report = new Report(
                options.command(),
                plan.name(),
                startedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                Duration.between(startedAt, Instant.now()).toSeconds() / 60.0,
                machine(loadBefore),
                settings,
                scenarios,
                sweeps,
                sse,
                Verdicts.targets(scenarios, sweeps, sse),
                Verdicts.ratios(scenarios),
                IssueTargets.issue12(scenarios, sweeps, sse),
                IssueTargets.issue13(scenarios),
                notes);
        ReportWriter.write(report, options.out());
        log("report: " + options.out().resolve("report.md") + " and report.json");
    }

    /** The work of one phase group, on its own fresh stack. */
    interface GroupWork {
        void run(BenchStack stack, Runner runner) throws Exception;
    }

    private volatile BenchStack current;
    private Plan plan;
    private long epochMinusNanoTime;
    private List<String> tokens;

    /**
     * Runs {@code work} on a stack of its own (fresh PostgreSQL, and with {@code pipeline} a fresh broker and the
     * services), so that a backlog a run leaves behind cannot slow the next group down.
     */
    private void group(String name, boolean pipeline, Options options, Map<String, String> settings, GroupWork work)
            throws Exception {
        group(name, pipeline, options, settings, Map.of(), work);
    }

    private void group(
            String name,
            boolean pipeline,
            Options options,
            Map<String, String> settings,
            Map<String, List<String>> jvmArgsByModule,
            GroupWork work)
            throws Exception {
        log("== " + name + ": starting a fresh stack");
        try (BenchStack stack = BenchStack.start(
                new BenchStack.StackOptions(
                        options.projectRoot(),
                        options.work().resolve(name),
                        options.jvmArgs(),
                        options.serviceArgs(),
                        jvmArgsByModule,
                        pipeline,
                        options.oneProcess()),
                Bench::log)) {
            current = stack;
            try (Connection c = stack.postgres().connect(BenchStack.BASELINE_DB)) {
                SeedQueue.install(c);
            }
            if (pipeline) {
                try (LifecycleWatcher watcher =
                        new LifecycleWatcher(stack.kafka().bootstrapServers())) {
                    watcher.start();
                    work.run(
                            stack,
                            new Runner(
                                    stack,
                                    watcher,
                                    tokens,
                                    options.out(),
                                    epochMinusNanoTime,
                                    plan.drainLimit(),
                                    Bench::log));
                }
                stack.jars().forEach((module, jar) -> settings.put("jar of " + module, jar));
            } else {
                work.run(
                        stack,
                        new Runner(
                                stack, null, tokens, options.out(), epochMinusNanoTime, plan.drainLimit(), Bench::log));
            }
            notes.add("Logs of the " + name + " runs: " + stack.logDir());
        } catch (Exception e) {
            notes.add("The " + name + " runs stopped early: " + e);
            log("the " + name + " runs stopped early: " + e);
            e.printStackTrace();
        } finally {
            current = null;
        }
    }

    private void closeCurrentStack() {
        BenchStack stack = current;
        if (stack != null) {
            log("stopping the stack …");
            stack.close();
        }
    }

    private void warmUp(Plan plan, Runner runner) {
        guard(
                "warm-up",
                () -> runner.pipeline(new Workload(
                        "pipeline", "warm-up", Duration.ZERO, plan.warmupRate(), plan.warmup(), d(30), false)));
    }

    private void pipelinePhases(Options options, Plan plan, Runner runner) {
        Set<String> phases = options.phases();
        if (phases.contains("matched")) {
            for (Duration latency : List.of(Duration.ZERO, d(2), d(20))) {
                Optional<Scenario> tuned = Verdicts.bestSustainedTuned(scenarios, latency.toMillis());
                if (tuned.isEmpty()) {
                    continue;
                }
                double rate = tuned.get().offeredRate();
                Duration step = latency.toSeconds() >= 20 ? plan.tunedStepAt20s() : plan.matchedStep();
                add(guard(
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
            List<String> names = new ArrayList<>();
            Double best = null;
            for (double rate : plan.pipelineSweepRates()) {
                Scenario s = guard(
                        "pipeline sweep",
                        () -> runner.pipeline(
                                new Workload("pipeline", "", Duration.ZERO, rate, plan.sweepStep(), d(60), false)));
                if (s == null) {
                    break;
                }
                scenarios.add(s);
                names.add(s.name());
                if (!s.sustainable()) {
                    break;
                }
                best = rate;
                settle();
            }
            sweeps.add(new Sweep("pipeline", 0, names, best));
            boolean submitTargetRun = scenarios.stream()
                    .anyMatch(s -> s.system().equals("pipeline")
                            && s.providerLatencyMs() == 0
                            && s.offeredRate() == Plan.SUBMIT_TARGET_RATE);
            if (!submitTargetRun && plan.pipelineSweepRates().contains(Plan.SUBMIT_TARGET_RATE)) {
                // the sweep stopped below it; the submit-latency target is still measured at its rate
                add(guard(
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
            Optional<Sweep> sweep0 =
                    sweeps.stream().filter(w -> w.system().equals("pipeline")).findFirst();
            double rate = sweep0.map(Sweep::highestSustainedRate)
                    .map(best -> Math.min(best, plan.pipeline2sRate()))
                    .orElse(plan.pipeline2sRate());
            add(guard(
                    "pipeline 2 s",
                    () -> runner.pipeline(
                            new Workload("pipeline", "", d(2), rate, plan.pipeline2sDuration(), d(60), false))));
        }
        if (phases.contains("profile") && (plan.profile() || options.forceProfile())) {
            profile(plan, runner);
        }
    }

    private void seedsPhases(Options options, Plan plan, Runner runner) {
        Set<String> phases = options.phases();
        if (phases.contains("seeds-cadence")) {
            add(guard(
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
                notes.add("The tuned baseline's worker sweep at a " + latency.toMillis() + " ms provider stopped at "
                        + workers + " workers: " + (sustained == null ? "no rate" : ReportWriter.num(sustained) + "/s")
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
            notes.add("The tuned baseline's worker sweep at a " + latency.toMillis() + " ms provider tried every worker"
                    + " count of the plan " + plan.seedsWorkerCounts() + "; the best was " + bestWorkers + " workers ("
                    + ReportWriter.num(best) + "/s).");
        }
    }

    private Double tunedSweep(Plan plan, Runner runner, int workers, Duration latency, Double previousBest) {
        Duration step = latency.toSeconds() >= 20 ? plan.tunedStepAt20s() : plan.tunedStep();
        List<String> names = new ArrayList<>();
        Double best = null;
        for (double rate : WorkerSweep.rates(workers, latency, plan.tunedFactors(), previousBest)) {
            Scenario s = guard(
                    "seeds tuned",
                    () -> runner.seeds(
                            new Workload(
                                    "seeds-tuned-" + workers,
                                    "",
                                    latency,
                                    rate,
                                    step,
                                    latency.toSeconds() >= 20 ? d(90) : d(45),
                                    false),
                            List.of("mode=tuned", "workers=" + workers, "idle=PT0.1S"),
                            false));
            if (s == null) {
                break;
            }
            scenarios.add(s);
            names.add(s.name());
            if (!s.sustainable()) {
                break;
            }
            best = rate;
        }
        sweeps.add(new Sweep("seeds-tuned-" + workers, latency.toMillis(), names, best));
        return best;
    }

    /** JFR in every service at the rate where the 0 ms sweep stopped keeping up (or its top rate). */
    private void profile(Plan plan, Runner runner) {
        Optional<Scenario> limit = Verdicts.measured(scenarios)
                .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0 && !s.sustainable())
                .findFirst()
                .or(() -> Verdicts.measured(scenarios)
                        .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0)
                        .reduce((a, b) -> b));
        limit.ifPresent(s -> add(guard(
                "profile",
                () -> runner.pipeline(
                        new Workload("pipeline", "", Duration.ZERO, s.offeredRate(), plan.sweepStep(), d(60), true)
                                .profiled()))));
        scenarios.stream()
                .filter(s -> s.system().equals("pipeline") && s.providerLatencyMs() == 0 && s.offeredRate() == 500)
                .filter(s -> s.submit() != null && s.submit().p99Ms() > 15)
                .filter(s -> limit.map(l -> l.offeredRate() != 500).orElse(true))
                .findFirst()
                .ifPresent(s -> add(guard(
                        "profile at 500/s",
                        () -> runner.pipeline(
                                new Workload("pipeline", "", Duration.ZERO, 500, plan.sweepStep(), d(60), true)
                                        .profiled()))));
    }

    private void sse(Plan plan, BenchStack stack, Runner runner) {
        if (!SseProbe.available(stack.apiUrl(), tokens.get(0))) {
            notes.add("SSE delivery latency not measured: the ingest-api does not serve " + SseProbe.USER_STREAM
                    + " yet (404 or not text/event-stream).");
            for (int streams : plan.sseStreams()) {
                sse.add(new SseRun(streams, 0, 0, null, "not measured: endpoint not available", List.of(), Map.of()));
            }
            return;
        }
        stack.providerLatency(Duration.ZERO);
        for (int streams : plan.sseStreams()) {
            List<String> users = IntStream.range(0, streams)
                    .mapToObj(i -> DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "bench-sse-" + i, Duration.ofHours(12)))
                    .toList();
            log("sse: " + streams + " streams, " + plan.sseRate() + "/s for "
                    + plan.sseDuration().toSeconds() + " s");
            ComponentSampler sampler = new ComponentSampler(stack.components());
            sampler.start();
            Map<String, Object> extra = new LinkedHashMap<>();
            List<String> heapBefore = stack.heapHistogram("ingest-api", 0);
            List<List<String>> heapOpen = new ArrayList<>();
            try {
                SseProbe.Outcome outcome = SseProbe.run(
                        stack.apiUrl(),
                        users,
                        plan.sseRate(),
                        plan.sseDuration(),
                        runner.watcher(),
                        Runner::pipelineBody,
                        () -> {
                            heapOpen.add(stack.heapHistogram("ingest-api", 8));
                            extra.put(
                                    "ingest-api heap with the streams open (jcmd GC.class_histogram, top classes)",
                                    heapOpen.get(0));
                        });
                Latency delivery = Latency.of(outcome.deliveryMicros());
                HeapPerStream.kbPerStream(
                                HeapPerStream.liveMb(heapBefore),
                                heapOpen.isEmpty() ? OptionalDouble.empty() : HeapPerStream.liveMb(heapOpen.get(0)),
                                outcome.open())
                        .ifPresent(kb -> extra.put(HeapPerStream.KEY, Math.round(kb * 10) / 10.0));
                String health = stack.ingestHealth();
                sse.add(new SseRun(
                        streams,
                        outcome.open(),
                        outcome.events(),
                        delivery,
                        outcome.status() + ", " + outcome.matched() + " events timed" + health,
                        sampler.stop(),
                        extra));
                log("  → " + outcome.status() + ", p99 " + (delivery == null ? "—" : ReportWriter.num(delivery.p99Ms()))
                        + " ms" + health);
            } catch (RuntimeException e) {
                sse.add(new SseRun(streams, 0, 0, null, "failed: " + e, List.of(), extra));
            }
            settle();
        }
    }

    private void add(Scenario s) {
        if (s != null) {
            scenarios.add(s);
            settle();
        }
    }

    private <T> T guard(String what, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            notes.add(what + " failed: " + e);
            log(what + " failed: " + e);
            e.printStackTrace();
            return null;
        }
    }

    private static void settle() {
        Runner.sleep(3_000);
    }

    private static Duration d(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static void log(String line) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Machine machine(String loadBefore) {
        String cpu = "?";
        long memMb = 0;
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                            .filter(l -> l.startsWith("MemTotal:"))
                            .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                            .findFirst()
                            .orElse(0L)
                    / 1024;
            os = Files.readAllLines(Path.of("/etc/os-release")).stream()
                            .filter(l -> l.startsWith("PRETTY_NAME="))
                            .map(l -> l.substring(12).replace("\"", ""))
                            .findFirst()
                            .orElse(os)
                    + ", kernel " + System.getProperty("os.version");
        } catch (IOException | RuntimeException ignored) {
            // keep what we have
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                cpu,
                memMb,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                os,
                loadBefore,
                loadAverage());
    }
}
