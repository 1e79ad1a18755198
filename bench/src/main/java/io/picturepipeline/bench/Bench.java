package io.picturepipeline.bench;

import io.picturepipeline.bench.baseline.SeedQueue;
import io.picturepipeline.bench.measure.LifecycleWatcher;
import io.picturepipeline.bench.stack.BenchStack;
import io.picturepipeline.bench.webhook.WebhookReceiver;
import io.picturepipeline.infra.DemoTokens;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The benchmark: this pipeline and the seeds' job queue, on the same machine, the same PostgreSQL and the same local
 * provider, in one run. Writes {@code report.md} and {@code report.json} to {@code bench/target/bench-report}. Its
 * options: {@link #USAGE}.
 */
public final class Bench {

    private final Findings findings = new Findings();
    private final PipelinePhases pipelinePhases = new PipelinePhases(findings);
    private final SeedsPhases seedsPhases = new SeedsPhases(findings);

    private Bench() {}

    static final String USAGE = """
            usage: ./pp bench [--quick | --short] [--only=phase,...] [--profile | --no-profile] [--users=20000]
                              [--service-jvm-args="..."] [--service-arg=module:--key=value ...] [--out=dir] [--work=dir]
                              [--one-process (the default, as ./pp up) | --process-per-service]
            phases: %s
            (docs/benchmarks.md)""";

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE.formatted(String.join(", ", BenchOptions.PHASES)));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(USAGE.formatted(String.join(", ", BenchOptions.PHASES)));
            System.exit(2);
            return;
        }
        new Bench().run(options);
    }

    private void run(BenchOptions options) throws Exception {
        Plan plan = options.quick() ? Plan.quick() : options.shortRun() ? Plan.shortFull() : Plan.full();
        this.plan = plan;
        long epochMinusNanoTime = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now()) - System.nanoTime();

        this.epochMinusNanoTime = epochMinusNanoTime;
        this.tokens = IntStream.range(0, options.users())
                .mapToObj(i -> DemoTokens.mint(DemoTokens.DEFAULT_SECRET, "bench-user-" + i, Duration.ofHours(12)))
                .toList();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(
                "services",
                options.oneProcess()
                        ? "the four in one JVM (as ./pp up, -Xmx1g)"
                        : "one JVM each (--process-per-service)");
        settings.put("service JVM options", String.join(" ", options.jvmArgs()));
        settings.put("extra service arguments", options.serviceArgs().toString());
        settings.put("users (round-robin tokens)", Integer.toString(options.users()));
        settings.put(
                "request", "model " + Runner.MODEL + ", " + Runner.SIDE + "x" + Runner.SIDE + ", 4 steps, 1 output");

        RunReport report = new RunReport(options, plan, findings, settings);
        log("plan " + plan.name() + ", phases " + options.phases() + ", load average " + report.loadBefore());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            closeCurrentStack();
                            report.stoppedByHand();
                        },
                        "bench-stop"));
        Set<String> phases = options.phases();
        try {
            if (phases.contains("seeds-cadence") || phases.contains("seeds-tuned")) {
                group("seeds", false, options, settings, (stack, runner) -> seedsPhases.run(options, plan, runner));
            }
            if (phases.contains("fresh-start")) {
                group(
                        "fresh-start",
                        true,
                        options,
                        settings,
                        (stack, runner) ->
                                findings.add(findings.guard("fresh start", () -> runner.pipeline(Plan.FRESH_START))));
            }
            if (phases.stream()
                    .anyMatch(p -> Set.of("pipeline-sweep", "pipeline-2s", "matched", "profile")
                            .contains(p))) {
                group("pipeline", true, options, settings, (stack, runner) -> {
                    pipelinePhases.warmUp(plan, runner);
                    pipelinePhases.run(options, plan, runner);
                });
            }
            if (phases.contains("pipeline-20s") || phases.contains("burst")) {
                group("pipeline-20s", true, options, settings, (stack, runner) -> {
                    pipelinePhases.warmUp(plan, runner);
                    if (phases.contains("burst")) {
                        findings.add(findings.guard("burst", () -> runner.pipeline(Plan.BURST)));
                    }
                    if (!phases.contains("pipeline-20s")) {
                        return;
                    }
                    findings.add(findings.guard(
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
            if (phases.contains("fairness")) {
                group("fairness", true, options.withServiceArgs(Fairness.SERVICE_ARGS), settings, (stack, runner) -> {
                    // not the common warm-up: 100/s would leave this stack's 20 slots a backlog longer than a drain
                    findings.guard("warm-up", () -> runner.pipeline(Fairness.warmUp()));
                    findings.notes()
                            .addAll(new Fairness(
                                            stack,
                                            tokens -> new Runner(
                                                    stack,
                                                    runner.watcher(),
                                                    tokens,
                                                    options.out(),
                                                    epochMinusNanoTime,
                                                    plan.drainLimit(),
                                                    Bench::log),
                                            Bench::log)
                                    .run(options.quick() ? d(20) : d(60)));
                });
            }
            if (phases.contains("sse")) {
                settings.put("ingest-api JVM options in the SSE runs", String.join(" ", SsePhase.INGEST_JVM_ARGS));
                group(
                        "sse",
                        true,
                        options,
                        settings,
                        Map.of("ingest-api", SsePhase.INGEST_JVM_ARGS),
                        (stack, runner) -> {
                            pipelinePhases.warmUp(plan, runner);
                            new SsePhase(findings, tokens.get(0)).run(plan, stack, runner);
                        });
            }
            if (phases.contains("webhooks")) {
                webhooks(options, plan, settings);
            }
        } catch (Exception e) {
            findings.notes().add("The run stopped early: " + e);
            log("the run stopped early: " + e);
            e.printStackTrace();
        }
        report.write();
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
    private void group(
            String name, boolean pipeline, BenchOptions options, Map<String, String> settings, GroupWork work)
            throws Exception {
        group(name, pipeline, options, settings, Map.of(), work);
    }

    private void group(
            String name,
            boolean pipeline,
            BenchOptions options,
            Map<String, String> settings,
            Map<String, List<String>> jvmArgsByModule,
            GroupWork work)
            throws Exception {
        log("== " + name + ": starting a fresh stack");
        try (BenchStack stack = BenchStack.start(
                new BenchStack.Options(
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
            findings.notes().add("Logs of the " + name + " runs: " + stack.logDir());
        } catch (Exception e) {
            findings.notes().add("The " + name + " runs stopped early: " + e);
            log("the " + name + " runs stopped early: " + e);
            e.printStackTrace();
        } finally {
            current = null;
        }
    }

    /**
     * Client webhook delivery latency at 50 generations/s, provider 0 ms: every bench user has an endpoint (the bench's
     * loopback receiver, the one host:port the ingest-api is told to trust), and the receiver times each
     * {@code generation.completed} from the event's timestamp to its arrival.
     */
    private void webhooks(BenchOptions options, Plan plan, Map<String, String> settings) throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            List<String> trust = List.of("-Dpipeline.ingest.webhooks.trusted-hosts=" + receiver.hostPort());
            group("webhooks", true, options, settings, Map.of("ingest-api", trust), (stack, runner) -> {
                int registered = receiver.registerAll(stack.apiUrl(), tokens);
                log("webhooks: an endpoint for " + registered + " of " + tokens.size() + " users");
                pipelinePhases.warmUp(plan, runner);
                receiver.reset();
                Duration duration = options.quick() ? d(20) : d(60);
                findings.add(findings.guard(
                        "webhooks",
                        () -> runner.pipeline(
                                new Workload("pipeline", "webhooks 50/s", Duration.ZERO, 50, duration, d(60), false))));
                findings.notes()
                        .add("Webhooks at 50 generations/s for " + duration.toSeconds()
                                + " s, provider 0 ms, endpoints for " + registered + " users: " + receiver.summary());
            });
        }
    }

    private void closeCurrentStack() {
        BenchStack stack = current;
        if (stack != null) {
            log("stopping the stack …");
            stack.close();
        }
    }

    private static Duration d(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static void log(String line) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
