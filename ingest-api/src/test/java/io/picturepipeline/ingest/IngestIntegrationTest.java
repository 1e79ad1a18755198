package io.picturepipeline.ingest;

import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.infra.TestInfrastructure;
import io.picturepipeline.ingest.webhook.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * real broker and PostgreSQL, with the projection's read model table created as the projection module would.
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
        createProjectionTable(infra, database);
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

    /** Creates {@code projection.generation} with the DDL the projection module's migration is expected to match. */
    public static void createProjectionTable(Infrastructure infra, String database) {
        try (InputStream ddl = IngestIntegrationTest.class.getResourceAsStream("/projection-generation.sql");
                Connection connection = infra.postgres().connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create projection.generation", e);
        }
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
