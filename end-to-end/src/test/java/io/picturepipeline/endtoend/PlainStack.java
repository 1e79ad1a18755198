package io.picturepipeline.endtoend;

import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.StackSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/**
 * The stack of {@code ./pp up} that the test classes driving it only through its public interfaces share: started by
 * the first of them, stopped when the test JVM ends. Each test uses users and generations of its own.
 */
final class PlainStack {

    private static LocalStack stack;

    private PlainStack() {}

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(
                    StackSettings.isolated(projectRoot(), dataDir(), Duration.ofMillis(800)),
                    line -> System.out.println(LocalTime.now() + " [stack] " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "plain-stack-stop"));
        }
        return stack;
    }

    static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    private static Path dataDir() {
        try {
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "plain-stack-")
                    .resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
