package io.picturepipeline.endtoend;

import io.picturepipeline.launcher.LocalStack;
import io.picturepipeline.launcher.StackOptions;
import io.picturepipeline.launcher.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PipelineEndToEndTest}'s tests on {@code ./pp up --one-process}: the four services in one JVM complete a
 * generation, and each still exports the metric contract under its own {@code application} tag.
 */
class OneProcessEndToEndTest extends PipelineEndToEndTest {

    @TempDir
    static Path oneProcessDir;

    @Override
    @BeforeAll
    void startTheStack() {
        stack = LocalStack.start(
                StackSettings.isolated(PlainStack.projectRoot(), oneProcessDir.resolve("data"), Duration.ofMillis(800)),
                StackOptions.defaults().withOneProcess(),
                line -> System.out.println(LocalTime.now() + " [one-process stack] " + line));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }
}
