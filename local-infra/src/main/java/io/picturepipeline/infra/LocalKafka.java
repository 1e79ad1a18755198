package io.picturepipeline.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker in its own JVM, run from the Kafka jars on our classpath. Data lives in
 * {@code dataDir} and survives a restart; the broker dies with its parent (see {@link ParentWatch}). A node of a
 * {@link LocalKafkaCluster} (a controller or a broker of several) is the same kind of process with other settings.
 */
public final class LocalKafka implements AutoCloseable {

    // generous: on a loaded 2-core machine a node of a three-broker cluster can take well over a minute to start
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int PICKED_PORT_ATTEMPTS = 3;

    /** What a node is: the single combined node of {@link #start}, or one role of a {@link LocalKafkaCluster}. */
    enum Role {
        COMBINED,
        CONTROLLER,
        BROKER
    }

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Role role;
    private final int nodeId;
    private final String quorumVoters;
    private final String clusterId;
    private final Map<String, String> overrides;
    private final KafkaSecurity security;
    private Process process;

    private LocalKafka(Path dataDir, int port, int controllerPort) {
        this(dataDir, port, controllerPort, Role.COMBINED, 1, "1@127.0.0.1:" + controllerPort, null, Map.of(), null);
    }

    private LocalKafka(
            Path dataDir,
            int port,
            int controllerPort,
            Role role,
            int nodeId,
            String quorumVoters,
            String clusterId,
            Map<String, String> overrides,
            KafkaSecurity security) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.role = role;
        this.nodeId = nodeId;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.overrides = Map.copyOf(overrides);
        this.security = security;
    }

    /**
     * A node of a cluster, not started: a {@link Role#CONTROLLER} listens on {@code controllerPort} only, a
     * {@link Role#BROKER} on {@code port} and finds the controllers through {@code quorumVoters}. All nodes of one
     * cluster are formatted with the same {@code clusterId}. With {@code security} (may be {@code null}) the client
     * listener takes SASL/SCRAM only and every request is authorized by ACL.
     */
    static LocalKafka node(
            Path dataDir,
            Role role,
            int nodeId,
            int port,
            int controllerPort,
            String quorumVoters,
            String clusterId,
            Map<String, String> overrides,
            KafkaSecurity security) {
        return new LocalKafka(
                dataDir.toAbsolutePath(),
                port,
                controllerPort,
                role,
                nodeId,
                quorumVoters,
                clusterId,
                overrides,
                security);
    }

    /** Starts a broker on {@code port} (0 picks a free one), formatting {@code dataDir} on first use. */
    public static LocalKafka start(Path dataDir, int port) {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = port == 0 ? FreePorts.pick() : port;
            int controllerPort = port == 0 ? FreePorts.pick() : port + 1;
            LocalKafka kafka = new LocalKafka(dataDir.toAbsolutePath(), brokerPort, controllerPort);
            try {
                kafka.start();
                return kafka;
            } catch (IllegalStateException exited) {
                // a port picked free can be taken by another process before the broker binds it (test JVMs
                // starting stacks side by side): picked ports are picked again, a port asked for is not
                if (port != 0 || attempt == PICKED_PORT_ATTEMPTS || !kafka.lostAPortItPicked()) {
                    throw exited;
                }
            }
        }
    }

    private boolean lostAPortItPicked() {
        try {
            return Files.readString(logFile()).contains("Address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The node id ({@code 1} for the single node of {@link #start}). */
    public int nodeId() {
        return nodeId;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /** The broker's process id while it runs, for CPU and memory readings. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = new KafkaNodeConfig(role, nodeId, port, controllerPort, quorumVoters, security, overrides)
                    .write(dataDir);
            Path logback = copyResource("broker-logback.xml");
            if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
                format(config, logback);
            }
            process = java(logback, ParentWatch.class.getName(), "kafka.Kafka", config.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    /** A graceful stop: the broker flushes and closes, clients see connection refused. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process, Duration.ofSeconds(60));
            process = null;
        }
    }

    /** kill -9: no shutdown, no flush. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void format(Path config, Path logback) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "format",
                "-t",
                clusterId != null ? clusterId : Uuid.randomUuid().toString(),
                "-c",
                config.toString()));
        if (security != null) {
            arguments.addAll(List.of(security.formatArguments()));
        }
        Process storageTool = java(logback, "kafka.tools.StorageTool", arguments.toArray(String[]::new))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        waitFor(storageTool, STARTUP_TIMEOUT);
        if (storageTool.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed, see " + logFile());
        }
    }

    private ProcessBuilder java(Path logback, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m",
                "-Xmx1g",
                "-Dlogback.configurationFile=" + logback,
                "-Dbroker.log.dir=" + dataDir,
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private Path copyResource(String name) throws IOException {
        Path target = dataDir.resolve(name);
        try (InputStream in = LocalKafka.class.getResourceAsStream(name)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        if (role == Role.CONTROLLER) {
            // a controller has no client listener to ask; it is ready enough once its port accepts connections
            ListeningPort.await(process, controllerPort, deadline, STARTUP_TIMEOUT, "the Kafka controller", logFile());
            return;
        }
        Map<String, Object> config = new LinkedHashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        if (security != null) {
            config.putAll(security.adminProperties());
        }
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited during startup, see " + logFile());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(
                                "the Kafka broker did not answer within " + STARTUP_TIMEOUT + ", see " + logFile());
                    }
                }
            }
        }
    }

    private static void waitFor(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
