package io.picturepipeline.bench.stack;

import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.launcher.JarSnapshot;
import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.ServiceProcess;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackProcesses;
import io.picturepipeline.launcher.StackSettings;
import io.picturepipeline.provider.local.LocalProviderSettings;
import io.picturepipeline.provider.local.RateLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The machine under test, started fresh for every benchmark run by the launcher's {@link LocalStack}: PostgreSQL (one
 * server; the pipeline's database {@code picture} and the seeds' {@code seeds_baseline}), a Kafka broker process,
 * the local provider as its own JVM (so its CPU is counted apart from the load generator), and the four services
 * (or the one-process JVM) from copies of their executable jars with the launcher's command line and {@code local}
 * profile, the bench's JVM options in place of the launcher's.
 */
public final class BenchStack implements AutoCloseable {

    public static final String PIPELINE_DB = StackSettings.DATABASE;
    public static final String BASELINE_DB = "seeds_baseline";
    /** The module, and the component, that runs the four services in one JVM ({@code --one-process}). */
    public static final String ONE_PROCESS = "one-process";

    /** Generous: on a loaded machine (other builds on the same two cores) a service took over 5 minutes to be UP. */
    private static final Duration STARTUP = Duration.ofMinutes(10);

    /** Far above what the load generator keeps in flight. */
    private static final int PROVIDER_PREDICTIONS = 400_000;

    private final Options options;
    private final JarSnapshot jars;
    private final LocalStack stack;

    /**
     * @param projectRoot the checkout (service jars are read from {@code <module>/target/*-exec.jar})
     * @param workDir fresh data for this run (deleted first)
     * @param serviceJvmArgs JVM options of every service, the provider and the baseline
     * @param serviceArgs extra {@code --property=value} arguments per service
     * @param serviceJvmArgsByModule JVM options for one service only, after the common ones ({@code -Xmx} replaces)
     * @param pipeline whether to start the broker and the services (the seeds' runs need neither)
     * @param oneProcess the four services in one JVM (the {@code one-process} module), as {@code ./pp up --one-process}
     */
    public record Options(
            Path projectRoot,
            Path workDir,
            List<String> serviceJvmArgs,
            Map<String, List<String>> serviceArgs,
            Map<String, List<String>> serviceJvmArgsByModule,
            boolean pipeline,
            boolean oneProcess) {}

    private BenchStack(Options options, JarSnapshot jars, LocalStack stack) {
        this.options = options;
        this.jars = jars;
        this.stack = stack;
    }

    public static BenchStack start(Options options, Consumer<String> progress) {
        WorkDir.deleteRecursively(options.workDir());
        JarSnapshot jars = options.pipeline()
                ? JarSnapshot.take(
                        options.projectRoot(),
                        options.oneProcess() ? List.of(ONE_PROCESS) : LocalStack.SERVICES,
                        options.workDir().resolve("jars"))
                : new JarSnapshot(options.projectRoot(), Map.of());
        StackSettings settings =
                StackSettings.isolated(jars.root(), options.workDir().resolve("data"), Duration.ZERO);
        LocalStack stack = LocalStack.start(settings, launcherOptions(options), progress);
        try {
            stack.postgres().ensureDatabase(BASELINE_DB);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return new BenchStack(options, jars, stack);
    }

    /**
     * The launcher's shape for the bench: its JVM options instead of the launcher's, the provider in a JVM of its own
     * with the bench's account ({@link ProviderAccount}), no broker or services for the seeds' runs.
     */
    static StackOptions launcherOptions(Options options) {
        LocalProviderSettings provider = LocalProviderSettings.defaults()
                .withMaxPredictions(PROVIDER_PREDICTIONS)
                .withRateLimits(new RateLimits(
                        ProviderAccount.CREATES_PER_MINUTE,
                        ProviderAccount.CALLS_PER_MINUTE,
                        LocalProviderSettings.defaults().rateLimits().period()));
        StackProcesses processes = StackProcesses.defaults()
                .withJvmDefaults(options.serviceJvmArgs())
                .withStartupTimeout(STARTUP)
                .withProviderJvm(provider);
        StackOptions launcher = StackOptions.defaults()
                .withProcesses(options.pipeline() ? processes : processes.withoutPipeline())
                .withJvmOptions("local-provider", "-Xmx1g");
        if (options.oneProcess()) {
            launcher = launcher.withOneProcess();
        }
        for (Map.Entry<String, List<String>> args : options.serviceArgs().entrySet()) {
            launcher = launcher.withProperties(args.getKey(), args.getValue().toArray(String[]::new));
        }
        for (Map.Entry<String, List<String>> jvm :
                options.serviceJvmArgsByModule().entrySet()) {
            launcher = launcher.withJvmOptions(jvm.getKey(), jvm.getValue().toArray(String[]::new));
        }
        return launcher;
    }

    /** The JVM options of every child: the services', the provider's and the seeds' baseline's. */
    public List<String> jvmArgs() {
        return options.serviceJvmArgs();
    }

    /** Which executable jar each service ran from, and when it was built. */
    public Map<String, String> jars() {
        return jars.jars();
    }

    public Path logDir() {
        return stack.settings().logDir();
    }

    public Path workDir() {
        return options.workDir();
    }

    public String apiUrl() {
        return stack.settings().apiUrl();
    }

    public String providerUrl() {
        return stack.settings().providerUrl();
    }

    public String actuator(String service, String endpoint) {
        return "http://127.0.0.1:" + stack.settings().portOf(service) + "/actuator/" + endpoint;
    }

    public LocalPostgres postgres() {
        return stack.postgres();
    }

    public LocalKafka kafka() {
        return stack.kafka();
    }

    /** The process that runs {@code service}: its own, or the one {@code one-process} JVM. */
    public ServiceProcess service(String service) {
        return stack.service(options.oneProcess() ? "pipeline" : service);
    }

    /** Time from create to done of predictions created from now on. */
    public void providerLatency(Duration latency) {
        ProviderAdmin.call(providerUrl(), "PATCH", "/admin/faults", "{\"latency\": \"" + latency + "\"}");
    }

    public String providerStats() {
        return ProviderAdmin.call(providerUrl(), "GET", "/admin/stats", null);
    }

    /** The services' JVMs by name: one per service, or the one {@code one-process} JVM that runs them all. */
    public Map<String, ServiceProcess> processes() {
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        if (!options.pipeline()) {
            return processes;
        }
        if (options.oneProcess()) {
            processes.put(ONE_PROCESS, service(ONE_PROCESS));
        } else {
            LocalStack.SERVICES.forEach(service -> processes.put(service, service(service)));
        }
        return processes;
    }

    /** What CPU and memory are measured for: every process of the stack, and the benchmark itself. */
    public List<Component> components() {
        Map<String, Long> pids = stack.pids();
        List<Component> components = new ArrayList<>();
        if (pids.containsKey("postgres")) {
            components.add(Component.tree("postgres", pids.get("postgres")));
        }
        if (pids.containsKey("kafka-broker")) {
            components.add(Component.process("kafka-broker", pids.get("kafka-broker")));
        }
        components.add(Component.process("local-provider", pids.get("local-provider")));
        processes().forEach((name, process) -> components.add(Component.process(name, process.pid())));
        components.add(Component.process(
                "bench (load + watcher)", ProcessHandle.current().pid()));
        return components;
    }

    /** Starts a JFR recording in a running service (jcmd), with the {@code profile} settings, waits from 1 ms. */
    public void startRecording(String service, Path file) {
        Jcmd.startRecording(processes().get(service).pid(), options.workDir(), file);
    }

    public void stopRecording(String service) {
        Jcmd.stopRecording(processes().get(service).pid());
    }

    /** The classes taking most heap in a service now (a full GC first, as {@code GC.class_histogram} does). */
    public List<String> heapHistogram(String service, int top) {
        return Jcmd.heapHistogram(service(service).pid(), top);
    }

    /** Empty when the ingest-api is alive and UP; otherwise what is wrong, including an OutOfMemoryError in its log. */
    public String ingestHealth() {
        return IngestHealth.problems(service("ingest-api"));
    }

    @Override
    public void close() {
        stack.close();
    }
}
