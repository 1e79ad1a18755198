package io.picturepipeline.compose;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool} (Debian package {@code prometheus}). Missing promtool is a test failure, not a skip: the
 * checks it makes are part of what issue 7 asks to show.
 */
final class Promtool {

    private Promtool() {}

    record Result(int exitCode, String output) {}

    static Path binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("promtool is not on the PATH. Install it with `apt-get install prometheus` (Debian package "
                + "`prometheus`); CI installs it in .ci/run. Without it the Prometheus configuration, the alert rules "
                + "and the dashboard queries cannot be checked.");
    }

    static Result run(Path workingDirectory, String stdin, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("promtool " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
