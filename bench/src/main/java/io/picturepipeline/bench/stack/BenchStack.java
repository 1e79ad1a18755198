package io.picturepipeline.bench.stack;

import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.launcher.JvmProcess;
import io.picturepipeline.launcher.ProviderWiring;
import io.picturepipeline.provider.local.LocalProviderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The machine under test, started fresh for every benchmark run: PostgreSQL (one server; the pipeline's database
 * {@code picture} and the seeds' {@code seeds_baseline}), a Kafka broker process, the local provider as its own JVM
 * (so its CPU is counted apart from the load generator), and the four services from their executable jars with the
 * launcher's command line and {@code local} profile.
 */
public final class BenchStack implements AutoCloseable {

    public static final String PIPELINE_DB = "picture";
    public static final String BASELINE_DB = "seeds_baseline";
    public static final List<String> SERVICES =
            List.of("ingest-api", "generation-consumer", "download-consumer", "projection");
    /** The module, and the component, that runs the four services in one JVM ({@code --one-process}). */
    public static final String ONE_PROCESS = "one-process";

    /** Generous: on a loaded machine (other builds on the same two cores) a service took over 5 minutes to be UP. */
    private static final Duration STARTUP = Duration.ofMinutes(10);

    private final StackOptions options;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, JvmProcess> services = new LinkedHashMap<>();
    private final Map<String, String> jars = new LinkedHashMap<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private JvmProcess provider;

    /**
     * @param projectRoot the checkout (service jars are read from {@code <module>/target/*-exec.jar})
     * @param workDir fresh data for this run (deleted first)
     * @param serviceJvmArgs JVM options of every service, the provider and the baseline
     * @param serviceArgs extra {@code --property=value} arguments per service
     * @param serviceJvmArgsByModule JVM options for one service only, after the common ones ({@code -Xmx} replaces)
     * @param pipeline whether to start the broker and the services (the seeds' runs need neither)
     * @param oneProcess the four services in one JVM (the {@code one-process} module), as {@code ./pp up --one-process}
     */
    public record StackOptions(
            Path projectRoot,
            Path workDir,
            List<String> serviceJvmArgs,
            Map<String, List<String>> serviceArgs,
            Map<String, List<String>> serviceJvmArgsByModule,
            boolean pipeline,
            boolean oneProcess) {}

    private BenchStack(StackOptions options) {
        this.options = options;
    }

    public static BenchStack start(StackOptions options, Consumer<String> progress) {
        BenchStack stack = new BenchStack(options);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        WorkDir.deleteRecursively(options.workDir());
        progress.accept("starting PostgreSQL");
        postgres = LocalPostgres.start(options.workDir().resolve("postgres"), 0);
        postgres.ensureDatabase(PIPELINE_DB);
        postgres.ensureDatabase(BASELINE_DB);
        if (options.pipeline()) {
            progress.accept("starting Kafka");
            kafka = LocalKafka.start(options.workDir().resolve("kafka"), 0);
        }
        int providerPort = FreePorts.pick();
        ports.put("provider", providerPort);
        progress.accept("starting the local provider on port " + providerPort);
        provider = JvmProcess.start(
                "local-provider",
                jvmArgs("-Xmx1g"),
                List.of("-cp", JvmProcess.classpath(), "io.picturepipeline.provider.local.LocalProviderMain"),
                Map.of(
                        "PROVIDER_PORT",
                        Integer.toString(providerPort),
                        "PROVIDER_LATENCY",
                        "PT0S",
                        "PROVIDER_MAX_PREDICTIONS",
                        "400000",
                        "PROVIDER_WEBHOOK_SECRET",
                        LocalProviderSettings.DEFAULT_WEBHOOK_SECRET,
                        "PROVIDER_RATE_LIMIT_CREATES",
                        Long.toString(ProviderAccount.CREATES_PER_MINUTE),
                        "PROVIDER_RATE_LIMIT_CALLS",
                        Long.toString(ProviderAccount.CALLS_PER_MINUTE)),
                options.workDir(),
                logDir().resolve("local-provider.log"));
        provider.awaitHttp(URI.create(providerUrl() + "/health"), "", STARTUP);
        if (!options.pipeline()) {
            return;
        }
        for (String service : SERVICES) {
            ports.put(service, FreePorts.pick());
        }
        if (options.oneProcess()) {
            JvmProcess pipeline = startOneProcess();
            SERVICES.forEach(service -> services.put(service, pipeline));
        } else {
            SERVICES.forEach(service -> services.put(service, startService(service, ports.get(service))));
        }
        progress.accept("starting services (logs in " + logDir() + ")");
        CompletableFuture.allOf(services.entrySet().stream()
                        .map(e -> CompletableFuture.runAsync(() -> {
                            e.getValue().awaitHttp(URI.create(actuator(e.getKey(), "health")), "\"UP\"", STARTUP);
                            progress.accept(e.getKey() + " is up");
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private JvmProcess startService(String module, int port) {
        List<String> args =
                new ArrayList<>(List.of("-jar", executableJar(module).toString()));
        args.addAll(commonArgs());
        args.add("--server.port=" + port);
        args.addAll(ownArgs(module));
        List<String> jvm = options.serviceJvmArgsByModule().getOrDefault(module, List.of());
        return startJvm(module, jvmArgs(jvm.toArray(String[]::new)), args);
    }

    /** The four services in one JVM: each one's arguments prefixed with its name, every module's JVM options. */
    private JvmProcess startOneProcess() {
        List<String> args =
                new ArrayList<>(List.of("-jar", executableJar(ONE_PROCESS).toString()));
        args.addAll(commonArgs());
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        for (String module : SERVICES) {
            args.add("--" + module + ".server.port=" + ports.get(module));
            ownArgs(module).forEach(arg -> args.add("--" + module + "." + arg.substring(2)));
            jvm.addAll(options.serviceJvmArgsByModule().getOrDefault(module, List.of()));
        }
        return startJvm(ONE_PROCESS, jvmArgs(jvm.toArray(String[]::new)), args);
    }

    private JvmProcess startJvm(String name, List<String> jvmArgs, List<String> args) {
        Map<String, String> env = Map.of("PROVIDER_PORT", Integer.toString(ports.get("provider")));
        return JvmProcess.start(name, jvmArgs, args, env, options.projectRoot(), logDir().resolve(name + ".log"));
    }

    private List<String> commonArgs() {
        return List.of(
                "--spring.profiles.active=local",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(PIPELINE_DB),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--pipeline.storage.root=" + options.workDir().resolve("images"));
    }

    private List<String> ownArgs(String module) {
        List<String> args = new ArrayList<>(
                ProviderWiring.propertiesOf(module, ports.get(module), providerUrl(), ports.get("provider")));
        args.addAll(options.serviceArgs().getOrDefault(module, List.of()));
        return args;
    }

    /** The JVM options of every child; {@code -Xmx} given here wins over the configured one. */
    public List<String> jvmArgs(String... overrides) {
        List<String> args = new ArrayList<>(options.serviceJvmArgs());
        for (String override : overrides) {
            if (override.startsWith("-Xmx")) {
                args.removeIf(a -> a.startsWith("-Xmx"));
            }
            args.add(override);
        }
        return args;
    }

    /** Which executable jar each service ran from, and when it was built. */
    public Map<String, String> jars() {
        return Map.copyOf(jars);
    }

    public Path logDir() {
        return options.workDir().resolve("logs");
    }

    public Path workDir() {
        return options.workDir();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + ports.get("ingest-api");
    }

    public String providerUrl() {
        return "http://127.0.0.1:" + ports.get("provider");
    }

    public String actuator(String service, String endpoint) {
        return "http://127.0.0.1:" + ports.get(service) + "/actuator/" + endpoint;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    public JvmProcess service(String name) {
        return services.get(name);
    }

    /** Time from create to done of predictions created from now on. */
    public void providerLatency(Duration latency) {
        ProviderAdmin.call(providerUrl(), "PATCH", "/admin/faults", "{\"latency\": \"" + latency + "\"}");
    }

    public String providerStats() {
        return ProviderAdmin.call(providerUrl(), "GET", "/admin/stats", null);
    }

    /** The services' JVMs by name: one per service, or the one {@code one-process} JVM that runs them all. */
    public Map<String, JvmProcess> processes() {
        return options.oneProcess() && !services.isEmpty()
                ? Map.of(ONE_PROCESS, services.get("ingest-api"))
                : java.util.Collections.unmodifiableMap(services);
    }

    /** What CPU and memory are measured for: every process of the stack, and the benchmark itself. */
    public List<Component> components() {
        List<Component> components = new ArrayList<>();
        Pids.postmaster(options.workDir().resolve("postgres"))
                .ifPresent(pid -> components.add(Component.tree("postgres", pid)));
        Pids.broker().ifPresent(pid -> components.add(Component.process("kafka-broker", pid)));
        components.add(Component.process("local-provider", provider.pid()));
        processes().forEach((name, jvm) -> components.add(Component.process(name, jvm.pid())));
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
        return Jcmd.heapHistogram(services.get(service).pid(), top);
    }

    /** Empty when the ingest-api is alive and UP; otherwise what is wrong, including an OutOfMemoryError in its log. */
    public String ingestHealth() {
        return IngestHealth.problems(services.get("ingest-api"), URI.create(actuator("ingest-api", "health")));
    }

    /** A copy of the module's executable jar in the work folder: a rebuild during the run cannot pull it away. */
    private Path executableJar(String module) {
        return WorkDir.snapshotJar(options.projectRoot(), module, options.workDir(), jars);
    }

    @Override
    public void close() {
        processes().values().parallelStream().forEach(s -> s.stop(Duration.ofSeconds(20)));
        if (provider != null) {
            provider.stop(Duration.ofSeconds(10));
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
