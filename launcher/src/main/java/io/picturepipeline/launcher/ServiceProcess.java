package io.picturepipeline.launcher;

import io.picturepipeline.infra.ParentWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service of the pipeline as a child JVM, run from its executable jar with {@link ParentWatch} as an agent
 * so that it dies with us even if we are killed with -9.
 */
final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(StackSettings stack, String module, int port, List<String> properties) {
        Path jar = executableJar(stack.projectRoot(), module);
        Path log = stack.logDir().resolve(module + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        parentWatchAgent().ifPresent(agent -> command.add("-javaagent:" + agent));
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + stack.kafkaBootstrap(),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/"
                        + StackSettings.DATABASE,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--pipeline.storage.root=" + stack.imageStore()));
        command.addAll(properties);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(stack.projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(module, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    String healthUrl() {
        return "http://127.0.0.1:" + port + "/actuator/health";
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service reports UP; fails fast, naming the log, if it dies first. */
    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " during startup; see " + log);
            }
            if (isHealthy()) {
                return;
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " did not report UP within " + timeout + "; see " + log);
    }

    boolean isHealthy() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(healthUrl()))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9, for fault tests. */
    void kill() {
        process.destroyForcibly();
    }

    private static Path executableJar(Path projectRoot, String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar of " + module + " in " + target
                            + "; build first: ./mvnw -B -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local-infra jar, whose agent ends the service with us; absent when run from a classes folder. */
    private static Optional<Path> parentWatchAgent() {
        try {
            Path location = Path.of(ParentWatch.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return location.toString().endsWith(".jar") ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
