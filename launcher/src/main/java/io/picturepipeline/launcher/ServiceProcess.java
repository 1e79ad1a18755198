package io.picturepipeline.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One service of the pipeline as a child JVM ({@link JvmProcess}: it dies with us even if we are killed with -9),
 * run from its executable jar. A stopped or killed service can be started again with the
 * same command ({@link #relaunch}, {@link #restart}).
 */
public final class ServiceProcess {

    private final String module;
    private final String name;
    private final int port;
    private final int healthPort;
    private final Path log;
    private final List<String> jvmOptions;
    private final List<String> mainArgs;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private volatile JvmProcess process;

    private ServiceProcess(
            String module,
            String name,
            int port,
            int healthPort,
            Path log,
            List<String> jvmOptions,
            List<String> mainArgs,
            Path workingDirectory,
            Map<String, String> environment) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.healthPort = healthPort;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.mainArgs = List.copyOf(mainArgs);
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts instance {@code name} of {@code module} (its log is {@code <name>.log}) with these JVM options and extra
     * properties; a property whose key the stack sets itself replaces the stack's value. {@code environment} adds to
     * the process's environment (secrets: not visible in the process list); with {@code SPRING_DATASOURCE_USERNAME}
     * in it, the stack passes no database user of its own (a command-line property would win over it).
     */
    static ServiceProcess start(
            StackSettings stack,
            String module,
            String name,
            int port,
            String kafkaBootstrap,
            List<String> jvmOptions,
            List<String> properties,
            Map<String, String> environment) {
        Path jar = executableJar(stack.projectRoot(), module);
        Path log = stack.logDir().resolve(name + ".log");
        List<String> base = new ArrayList<>(List.of(
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/"
                        + StackSettings.DATABASE,
                "--pipeline.storage.root=" + stack.imageStore()));
        if (!environment.containsKey("SPRING_DATASOURCE_USERNAME")) {
            base.addAll(List.of("--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
        }
        List<String> arguments = merge(base, properties);
        List<String> mainArgs = new ArrayList<>(List.of("-jar", jar.toString()));
        mainArgs.addAll(arguments);
        ServiceProcess service = new ServiceProcess(
                module,
                name,
                port,
                managementPort(arguments).orElse(port),
                log,
                jvmOptions,
                mainArgs,
                stack.projectRoot(),
                environment);
        service.launch();
        return service;
    }

    /** The actuators' own port, where a service is given one ({@code --management.server.port}). */
    private static Optional<Integer> managementPort(List<String> arguments) {
        return arguments.stream()
                .filter(argument -> argument.startsWith("--management.server.port="))
                .map(argument -> Integer.parseInt(argument.substring("--management.server.port=".length())))
                .findFirst();
    }

    /** {@code --key=value} arguments, in order, where a later key replaces an earlier one in place. */
    static List<String> merge(List<String> base, List<String> extra) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String argument : base) {
            byKey.put(keyOf(argument), argument);
        }
        for (String argument : extra) {
            byKey.put(keyOf(argument), argument);
        }
        return List.copyOf(byKey.values());
    }

    private static String keyOf(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    private synchronized void launch() {
        process = JvmProcess.start(name, jvmOptions, mainArgs, environment, workingDirectory, log);
    }

    /** Starts the stopped or killed process again with the same command, port and log; does not wait. */
    public synchronized void relaunch() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    /** A graceful restart: SIGTERM (SIGKILL after {@code grace}), start again, wait until it reports UP. */
    public void restart(Duration grace, Duration healthTimeout) {
        stop(grace);
        relaunch();
        awaitHealthy(healthTimeout);
    }

    /** The module this is an instance of ({@code ingest-api}). */
    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public String healthUrl() {
        return "http://127.0.0.1:" + healthPort + "/actuator/health";
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service reports UP; fails fast, naming the log, if it dies first. */
    public void awaitHealthy(Duration timeout) {
        process.awaitHttp(URI.create(healthUrl()), "\"UP\"", timeout);
    }

    public boolean isHealthy() {
        return JvmProcess.answers(URI.create(healthUrl()), "\"UP\"");
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        process.stop(grace);
    }

    /** kill -9, for fault tests; returns once the process is gone. */
    public void kill() {
        process.kill();
    }

    /** The executable jar {@code ./mvnw package} built for {@code module} ({@code <module>/target/*-exec.jar}, the newest). */
    public static Path executableJar(Path projectRoot, String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no executable jar of " + module + " in " + target
                            + "; build first: ./mvnw -B -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
