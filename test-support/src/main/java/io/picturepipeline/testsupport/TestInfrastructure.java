package io.picturepipeline.testsupport;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.infra.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one broker and one PostgreSQL that all tests of a JVM share, started on first use and stopped when the JVM
 * ends. {@code -Dpipeline.infra=testcontainers} (or {@code PIPELINE_INFRA=testcontainers}) runs the same tests on
 * Docker containers instead of the embedded default.
 */
public final class TestInfrastructure {

    public static final String SWITCH = "pipeline.infra";

    private static Infrastructure shared;
    private static LocalS3 sharedS3;

    private TestInfrastructure() {}

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = create();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-infrastructure-stop"));
        }
        return shared;
    }

    /**
     * The one S3Proxy the tests of a JVM share, started on first use (only the tests of the S3 store need it) and
     * stopped when the JVM ends. It runs from Maven Central's jar on either switch: no Docker needed.
     */
    public static synchronized LocalS3 sharedS3() {
        if (sharedS3 == null) {
            sharedS3 = LocalS3.start(tempDir().resolve("s3"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(sharedS3::close, "test-s3-stop"));
        }
        return sharedS3;
    }

    private static Infrastructure create() {
        String choice = System.getProperty(SWITCH, System.getenv().getOrDefault("PIPELINE_INFRA", "embedded"));
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "embedded" -> Infrastructure.embedded(tempDir());
            case "testcontainers" -> new ContainerInfrastructure();
            default ->
                throw new IllegalArgumentException(
                        SWITCH + " must be 'embedded' or 'testcontainers', not '" + choice + "'");
        };
    }

    private static Path tempDir() {
        try {
            Path target = Path.of("target");
            Path parent = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(parent.toAbsolutePath(), "test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
