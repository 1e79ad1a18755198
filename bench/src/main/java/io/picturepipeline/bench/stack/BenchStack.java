package io.picturepipeline.bench.stack;

import io.picturepipeline.bench.measure.Component;
import io.picturepipeline.bench.measure.ProcFs;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.provider.local.LocalProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

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

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackOptions options;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ChildJvm> services = new LinkedHashMap<>();
    private final Map<String, String> jars = new LinkedHashMap<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private ChildJvm provider;

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
        deleteRecursively(options.workDir());
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
        provider = ChildJvm.start(
                "local-provider",
                jvmArgs("-Xmx1g"),
                List.of("-cp", ChildJvm.classpath(), "io.picturepipeline.provider.local.LocalProviderMain"),
                Map.of(
                        "PROVIDER_PORT",
                        Integer.toString(providerPort),
                        "PROVIDER_LATENCY",
                        "PT0S",
                        "PROVIDER_MAX_PREDICTIONS",
                        "400000",
                        "PROVIDER_WEBHOOK_SECRET",
                        LocalProviderSettings.DEFAULT_WEBHOOK_SECRET),
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
            ChildJvm pipeline = startOneProcess();
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

    private ChildJvm startService(String module, int port) {
        List<String> args =
                new ArrayList<>(List.of("-jar", executableJar(module).toString()));
        args.addAll(commonArgs());
        args.add("--server.port=" + port);
        args.addAll(ownArgs(module));
        return ChildJvm.start(
                module,
                jvmArgs(options.serviceJvmArgsByModule()
                        .getOrDefault(module, List.of())
                        .toArray(String[]::new)),
                args,
                Map.of("PROVIDER_PORT", Integer.toString(ports.get("provider"))),
                options.projectRoot(),
                logDir().resolve(module + ".log"));
    }

    /** The four services in one JVM: each one's arguments prefixed with its name, every module's JVM options. */
    private ChildJvm startOneProcess() {
        List<String> args =
                new ArrayList<>(List.of("-jar", executableJar(ONE_PROCESS).toString()));
        args.addAll(commonArgs());
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        for (String module : SERVICES) {
            args.add("--" + module + ".server.port=" + ports.get(module));
            ownArgs(module).forEach(arg -> args.add("--" + module + "." + arg.substring(2)));
            jvm.addAll(options.serviceJvmArgsByModule().getOrDefault(module, List.of()));
        }
        return ChildJvm.start(
                ONE_PROCESS,
                jvmArgs(jvm.toArray(String[]::new)),
                args,
                Map.of("PROVIDER_PORT", Integer.toString(ports.get("provider"))),
                options.projectRoot(),
                logDir().resolve(ONE_PROCESS + ".log"));
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
        List<String> args = new ArrayList<>();
        switch (module) {
            case "generation-consumer" -> {
                args.add("--pipeline.generation.replicate.base-url=" + providerUrl());
                // the completion webhook, signed with the key the local provider signs with
                args.add("--pipeline.generation.webhook-base-url=http://127.0.0.1:" + ports.get(module));
                args.add("--pipeline.generation.webhook-secret=" + LocalProviderSettings.DEFAULT_WEBHOOK_SECRET);
            }
            case "download-consumer" ->
                args.add("--pipeline.download.trusted-internal-hosts=127.0.0.1:" + ports.get("provider"));
            default -> {}
        }
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

    public ChildJvm service(String name) {
        return services.get(name);
    }

    /** Time from create to done of predictions created from now on. */
    public void providerLatency(Duration latency) {
        admin("PATCH", "/admin/faults", "{\"latency\": \"" + latency + "\"}");
    }

    public String providerStats() {
        return admin("GET", "/admin/stats", null);
    }

    private String admin(String method, String path, String body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(providerUrl() + path))
                            .timeout(Duration.ofSeconds(10))
                            .method(
                                    method,
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "provider " + method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The services' JVMs by name: one per service, or the one {@code one-process} JVM that runs them all. */
    public Map<String, ChildJvm> processes() {
        return options.oneProcess() && !services.isEmpty()
                ? Map.of(ONE_PROCESS, services.get("ingest-api"))
                : java.util.Collections.unmodifiableMap(services);
    }

    /** What CPU and memory are measured for: every process of the stack, and the benchmark itself. */
    public List<Component> components() {
        List<Component> components = new ArrayList<>();
        postmasterPid().ifPresent(pid -> components.add(Component.tree("postgres", pid)));
        brokerPid().ifPresent(pid -> components.add(Component.process("kafka-broker", pid)));
        components.add(Component.process("local-provider", provider.pid()));
        processes().forEach((name, jvm) -> components.add(Component.process(name, jvm.pid())));
        components.add(Component.process(
                "bench (load + watcher)", ProcessHandle.current().pid()));
        return components;
    }

    private java.util.Optional<Long> postmasterPid() {
        String dataDir = options.workDir().resolve("postgres").toAbsolutePath().toString();
        return ProcFs.all().stream()
                .filter(s -> s.comm().equals("postgres"))
                .filter(s -> ProcFs.cmdline(s.pid()).contains(dataDir))
                .map(ProcFs.Stat::pid)
                .min(Comparator.naturalOrder());
    }

    private static java.util.Optional<Long> brokerPid() {
        return ProcessHandle.current()
                .children()
                .filter(p -> ProcFs.cmdline(p.pid()).contains("kafka.Kafka"))
                .map(ProcessHandle::pid)
                .findFirst();
    }

    /** Starts a JFR recording in a running service (jcmd), with the {@code profile} settings, waits from 1 ms. */
    public void startRecording(String service, Path file) {
        try {
            Path settings = io.picturepipeline.bench.measure.JfrSummary.settings(options.workDir());
            jcmd(processes().get(service).pid(), "JFR.start", "name=bench", "settings=" + settings, "filename=" + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stopRecording(String service) {
        jcmd(processes().get(service).pid(), "JFR.stop", "name=bench");
    }

    /** The classes taking most heap in a service now (a full GC first, as {@code GC.class_histogram} does). */
    public List<String> heapHistogram(String service, int top) {
        try {
            String out = jcmd(services.get(service).pid(), "GC.class_histogram");
            List<String> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":") && lines.size() < top) {
                    lines.add(
                            f[3] + " " + String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(f[2]) / 1048576.0)
                                    + " MB (" + f[1] + ")");
                } else if (line.trim().startsWith("Total")) {
                    lines.add("total " + String.format(java.util.Locale.ROOT, "%.1f", Long.parseLong(f[2]) / 1048576.0)
                            + " MB live");
                }
            }
            return lines;
        } catch (RuntimeException e) {
            return List.of("unavailable: " + e.getMessage());
        }
    }

    /** Empty when the ingest-api is alive and UP; otherwise what is wrong, including an OutOfMemoryError in its log. */
    public String ingestHealth() {
        ChildJvm api = services.get("ingest-api");
        StringBuilder problems = new StringBuilder();
        if (!api.isAlive()) {
            problems.append("; the ingest-api process has exited");
        } else if (!isUp("ingest-api")) {
            problems.append("; the ingest-api is not UP afterwards");
        }
        try {
            if (Files.readString(api.log()).contains("OutOfMemoryError")) {
                problems.append("; the ingest-api log shows an OutOfMemoryError");
            }
        } catch (IOException | RuntimeException e) {
            // no log to read
        }
        return problems.toString();
    }

    private boolean isUp(String service) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(actuator(service, "health")))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            if (jcmd.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the module's executable jar in the work folder: a rebuild during the run cannot pull it away. */
    private Path executableJar(String module) {
        Path target = options.projectRoot().resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar of " + module + " in " + target
                            + "; build first: ./mvnw -B -DskipTests package"));
            jars.put(module, jar.getFileName() + " built " + Files.getLastModifiedTime(jar));
            Path copy = options.workDir().resolve("jars").resolve(jar.getFileName());
            Files.createDirectories(copy.getParent());
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
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
