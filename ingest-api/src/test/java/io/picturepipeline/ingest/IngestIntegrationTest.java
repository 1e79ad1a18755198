package io.picturepipeline.ingest;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.ingest.webhook.Receiver;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context every integration test shares: the ingest-api on a random port against the JVM's
 * real broker and PostgreSQL, with the projection's schema made by the projection's own migrations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class IngestIntegrationTest {

    public static final String DATABASE = "picture";
    public static final Path STORAGE_ROOT = createStorageRoot();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infra = TestInfrastructure.shared();
        String database = infra.postgres().ensureDatabase(DATABASE);
        ProjectionSchema.migrate(infra.postgres(), database);
        infra.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("pipeline.storage.root", STORAGE_ROOT::toString);
        registry.add("pipeline.ingest.read.projection-recheck", () -> "200ms");
        registry.add("pipeline.ingest.streams.heartbeat", () -> "1s");
        // webhooks: the loopback receivers of the tests are the one exact host:port the SSRF guard lets through, and
        // the backoff tiers take a second or two instead of a day
        registry.add("pipeline.ingest.webhooks.trusted-hosts", Receiver.TRUSTED::hostPort);
        registry.add("pipeline.retry.tier-delays", () -> "200ms,400ms,800ms");
        registry.add("pipeline.retry.max-attempts", () -> "4");
    }

    protected Api api() {
        return new Api(port);
    }

    /** Waits until the outbox has published everything of {@code generationId} (its events are on the topics). */
    protected void awaitPublished(UUID generationId) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jdbc.sql("select count(*) from ingest.outbox where generation_id = ?")
                                .param(generationId)
                                .query(Integer.class)
                                .single(),
                        count -> count == 0);
    }

    private static Path createStorageRoot() {
        try {
            Path target = Path.of("target");
            return Files.createTempDirectory(
                    Files.isDirectory(target) ? target.toAbsolutePath() : Path.of(System.getProperty("java.io.tmpdir")),
                    "images-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
