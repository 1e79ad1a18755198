package io.picturepipeline.launcher;

import io.picturepipeline.infra.ParentWatch;
import java.io.File;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * A child JVM with {@link ParentWatch} as an agent, so that it ends with us even if we are killed with -9; its output
 * is appended to a log file. What the launcher runs every service as ({@link ServiceProcess}) and a provider of its
 * own as, and what the benchmark runs the seeds' baseline as.
 */
public final class JvmProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * {@code java <jvmOptions> [agent] <mainArgs>}, where {@code mainArgs} start with {@code -jar x.jar} or
     * {@code -cp … Main}; {@code environment} adds to the child's environment.
     */
    public static JvmProcess start(
            String name,
            List<String> jvmOptions,
            List<String> mainArgs,
            Map<String, String> environment,
            Path workingDirectory,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        parentWatchAgent().ifPresent(agent -> command.add("-javaagent:" + agent));
        command.addAll(mainArgs);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new JvmProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** This JVM's class path with absolute entries, for children that run in another working directory. */
    public static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
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

    /**
     * Waits until {@code url} answers 200 with a body containing {@code expected} ({@code ""}: any body); fails fast,
     * naming the log, if the process dies first.
     */
    public void awaitHttp(URI url, String expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " during startup; see " + log);
            }
            if (answers(url, expected)) {
                return;
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

    /** Whether {@code url} answers 200 now with a body containing {@code expected}. */
    public static boolean answers(URI url, String expected) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(expected);
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    /** kill -9; returns once the process is gone (or after 10 s). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The local-infra jar when it carries the parent-watch agent; absent when run from a classes folder. */
    private static Optional<Path> parentWatchAgent() {
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
