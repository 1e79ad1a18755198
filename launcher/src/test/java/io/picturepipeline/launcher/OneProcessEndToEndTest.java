package io.picturepipeline.launcher;

import java.nio.file.Path;
import java.time.Duration;
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
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(
                StackSettings.isolated(projectRoot, oneProcessDir.resolve("data"), Duration.ofMillis(800)),
                StackOptions.defaults().withOneProcess(),
                line -> System.out.println("[one-process stack] " + line));
    }
}
