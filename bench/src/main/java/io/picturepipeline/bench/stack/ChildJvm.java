package io.picturepipeline.bench.stack;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * A JVM the benchmark starts and measures: a service from its executable jar, the local provider, the seeds'
 * baseline. Each runs with {@link ParentWatch} as an agent (as the launcher does), so it ends with the benchmark even
 * if the benchmark is killed.
 */
public final class ChildJvm {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** {@code java <jvmArgs> [agent] <mainArgs>}: mainArgs start with {@code -jar x.jar} or {@code -cp ... Main}. */
    public static ChildJvm start(
            String name, List<String> jvmArgs, List<String> mainArgs, Map<String, String> env, Path workDir, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        parentWatchAgent().ifPresent(agent -> command.add("-javaagent:" + agent));
        command.addAll(mainArgs);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** This JVM's class path with absolute entries, for children that run in another working directory. */
    public static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code url} answers 200 (and, if given, its body contains {@code expected}). */
    public void awaitHttp(URI url, String expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " during startup; see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains(expected)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + "; see " + log);
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
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

    /** The local-infra jar when it carries the parent-watch agent; absent when run from classes. */
    static Optional<Path> parentWatchAgent() {
        try {
            Path location = Path.of(ParentWatch.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!location.toString().endsWith(".jar")) {
                return Optional.empty();
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                boolean agent = jar.getManifest() != null
                        && jar.getManifest().getMainAttributes().getValue("Premain-Class") != null;
                return agent ? Optional.of(location) : Optional.empty();
            }
        } catch (URISyntaxException | IOException e) {
            return Optional.empty();
        }
    }
}
