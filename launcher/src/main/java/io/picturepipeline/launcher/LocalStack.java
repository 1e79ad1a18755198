package io.picturepipeline.launcher;

import io.picturepipeline.infra.DatabaseAccess;
import io.picturepipeline.infra.FreePorts;
import io.picturepipeline.infra.LocalKafka;
import io.picturepipeline.infra.LocalKafkaCluster;
import io.picturepipeline.infra.LocalPostgres;
import io.picturepipeline.infra.LocalS3;
import io.picturepipeline.provider.local.LocalProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The whole pipeline on one machine: PostgreSQL and a Kafka broker from Maven Central jars, the local image
 * provider, and every service as its own process. Stops in reverse order. {@link StackOptions} shape it for fault
 * tests (three brokers, several instances of a service, extra properties); the pieces can then be stopped, killed
 * and started again one by one.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * The four services (modules with executable jars) in start order, the projection first (the secure ingest-api
     * reads its views); the one list of their names, the fault suite's and the bench's too.
     */
    public static final List<String> SERVICES =
            List.of("projection", "ingest-api", "generation-consumer", "download-consumer");
    /** The secure stack's bucket of images (compose's default {@code S3_BUCKET} too). */
    public static final String IMAGE_BUCKET = "picture-images";
    /** The module whose executable jar runs the four services in one JVM. */
    static final String ONE_PROCESS = "one-process";

    private final StackSettings settings;
    private final StackOptions options;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile LocalPostgres postgres;
    private StackKafka kafka;
    private StackProvider provider;
    private SecureStack secure;
    private LocalS3 s3;

    private LocalStack(StackSettings settings, StackOptions options) {
        this.settings = settings;
        this.options = options;
    }

    public static LocalStack start(StackSettings settings, Consumer<String> progress) {
        return start(settings, StackOptions.defaults(), progress);
    }

    public static LocalStack start(StackSettings settings, StackOptions options, Consumer<String> progress) {
        LocalStack stack = new LocalStack(settings, options);
        try {
            stack.startAll(progress);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) {
        if (options.secure()) {
            secure = SecureStack.create(settings.dataDir().resolve("secrets"));
        }
        progress.accept("starting PostgreSQL on port " + settings.postgresPort());
        postgres = startPostgresServer();
        postgres.ensureDatabase(StackSettings.DATABASE);
        if (options.secure()) {
            progress.accept("one login role per service (" + settings.dataDir().resolve("secrets") + ")");
            DatabaseAccess.prepare(postgres, StackSettings.DATABASE, secure.databasePasswords());
            s3 = LocalS3.start(settings.dataDir().resolve("s3"), 0, secure.storageIdentities());
            s3.ensureBucket(IMAGE_BUCKET);
            progress.accept("S3Proxy (the image store) on " + s3.endpoint() + ", a key pair per client");
        }
        if (options.processes().pipeline()) {
            kafka = StackKafka.start(settings, options, secure, progress);
        }
        progress.accept("starting the local image provider on " + settings.providerUrl());
        provider = StackProvider.start(settings, options);
        if (!options.processes().pipeline()) {
            return;
        }
        progress.accept("starting services (logs in " + settings.logDir() + ")");
        if (options.oneProcess()) {
            awaitAll(List.of(launchOneProcess()), progress);
            return;
        }
        if (options.secure()) {
            // the ingest-api may read the two views the projection publishes: granted once the projection has made them
            awaitAll(launchAll(List.of("projection")), progress);
            DatabaseAccess.grantReads(postgres, StackSettings.DATABASE);
        }
        awaitAll(launchAll(options.secure() ? SERVICES.subList(1, SERVICES.size()) : SERVICES), progress);
    }

    private List<ServiceProcess> launchAll(List<String> modules) {
        List<ServiceProcess> started = new ArrayList<>();
        for (String module : modules) {
            for (int instance = 1; instance <= options.instancesOf(module); instance++) {
                started.add(launch(module, instance));
            }
        }
        return started;
    }

    private void awaitAll(List<ServiceProcess> started, Consumer<String> progress) {
        CompletableFuture.allOf(started.stream()
                        .map(s -> CompletableFuture.runAsync(() -> {
                            s.awaitHealthy(options.processes().startupTimeout());
                            progress.accept(s.name() + " is up (" + s.healthUrl() + ")");
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Instance 1 listens on the settings' port, any other on a free one. */
    private ServiceProcess launch(String module, int instance) {
        int port = instance == 1 ? settings.portOf(module) : FreePorts.pick();
        String name = instance == 1 ? module : module + "-" + instance;
        ServiceArguments arguments = arguments();
        ServiceProcess service = ServiceProcess.start(
                settings,
                module,
                name,
                port,
                kafkaBootstrap(),
                arguments.jvmOptionsOf(module),
                arguments.propertiesOf(module, port),
                arguments.environmentOf(module));
        services.add(service);
        return service;
    }

    /** The four services in one JVM: each one's port and properties prefixed with its name; UP with the ingest-api. */
    private ServiceProcess launchOneProcess() {
        ServiceProcess pipeline = ServiceProcess.start(
                settings,
                ONE_PROCESS,
                "pipeline",
                settings.ingestPort(),
                kafkaBootstrap(),
                arguments().oneProcessJvmOptions(SERVICES),
                arguments().oneProcessProperties(SERVICES),
                arguments().environmentOf(ONE_PROCESS));
        services.add(pipeline);
        return pipeline;
    }

    private ServiceArguments arguments() {
        return new ServiceArguments(settings, options, kafkaCluster() != null, secure, s3);
    }

    /** Each service's health URL by name ({@code /actuator/prometheus} beside it), in one process or its own. */
    public Map<String, String> healthUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        if (options.oneProcess()) {
            SERVICES.forEach(
                    module -> urls.put(module, "http://127.0.0.1:" + settings.portOf(module) + "/actuator/health"));
        } else {
            services.forEach(service -> urls.put(service.name(), service.healthUrl()));
        }
        return urls;
    }

    /** Starts one more instance of {@code module} (same options, a free port) and waits until it is UP. */
    public ServiceProcess startInstance(String module) {
        int instance = instances(module).size() + 1;
        ServiceProcess service = launch(module, instance);
        service.awaitHealthy(options.processes().startupTimeout());
        return service;
    }

    /** The running (or stopped) instances of {@code module}, first one first. */
    public List<ServiceProcess> instances(String module) {
        return services.stream().filter(s -> s.module().equals(module)).toList();
    }

    /** Where the services find Kafka: the single broker, or every broker of the cluster. */
    public String kafkaBootstrap() {
        return kafkaCluster() != null ? kafkaCluster().bootstrapServers() : settings.kafkaBootstrap();
    }

    /** The secrets and client settings of a secure stack, or {@code null}. */
    public SecureStack secure() {
        return secure;
    }

    /** The image store of a secure stack (S3Proxy), or {@code null}: the plain stack keeps images in files. */
    public LocalS3 s3() {
        return s3;
    }

    /** The cluster when the stack runs more than one broker, else {@code null} (see {@link #kafka()}). */
    public LocalKafkaCluster kafkaCluster() {
        return kafka == null ? null : kafka.cluster();
    }

    /** PostgreSQL goes away (a fast shutdown: every connection is closed); its data stays. */
    public synchronized void stopPostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** PostgreSQL comes back on the same port with the same data. */
    public synchronized void startPostgres() {
        if (postgres == null) {
            postgres = startPostgresServer();
        }
    }

    /** Plain: the documented password, loopback trusted. Secure: a random one, and every client proves its own. */
    private LocalPostgres startPostgresServer() {
        Path dataDir = settings.dataDir().resolve("postgres");
        return secure == null
                ? LocalPostgres.start(dataDir, settings.postgresPort())
                : LocalPostgres.startRequiringPasswords(dataDir, settings.postgresPort(), secure.superuserPassword());
    }

    /** The password of PostgreSQL's superuser {@code postgres}, whether or not PostgreSQL is running. */
    public String superuserPassword() {
        return secure == null ? LocalPostgres.DEVELOPMENT_PASSWORD : secure.superuserPassword();
    }

    public StackSettings settings() {
        return settings;
    }

    public StackOptions options() {
        return options;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** The single broker, or {@code null} when the stack runs a cluster (see {@link #kafkaCluster()}). */
    public LocalKafka kafka() {
        return kafka == null ? null : kafka.single();
    }

    /** PostgreSQL, or {@code null} while it is stopped. */
    public LocalPostgres postgres() {
        return postgres;
    }

    /** The local provider in this JVM, or {@code null} when it runs as its own process. */
    public LocalProvider provider() {
        return provider == null ? null : provider.inProcess();
    }

    /**
     * Every process the stack runs by name, for CPU and memory readings: {@code postgres} (the postmaster),
     * {@code kafka-broker} (or {@code kafka-<node>}), {@code local-provider} when it runs apart, and each service
     * process ({@code pipeline} for the one JVM).
     */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (postgres != null) {
            pids.put("postgres", postgres.postmasterPid());
        }
        if (kafka != null) {
            pids.putAll(kafka.pids());
        }
        provider.pid().ifPresent(pid -> pids.put(StackProvider.NAME, pid));
        services.stream().filter(ServiceProcess::isAlive).forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }

    @Override
    public void close() {
        services.parallelStream().forEach(s -> s.stop(STOP_GRACE));
        if (provider != null) {
            provider.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
