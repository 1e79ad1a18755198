package io.picturepipeline.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.infra.PostgresServer;
import io.picturepipeline.retry.CancellationFeed;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The stage learns of owners' cancels from the lifecycle topic and counts a cancelled generation as terminal, so its
 * download is skipped (and one under way completes nothing). On the real PostgreSQL, without a Spring context.
 */
class CancellationTest {

    private static final EventCodec CODEC = new EventCodec();
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        String database = postgres.ensureDatabase("picture");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("download")
                .locations("classpath:db/migration/download")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    private final CancelledGenerations cancelled = new CancelledGenerations(jdbc);
    private final CompletedDownloads completed = new CompletedDownloads(jdbc);
    private final TerminalStates terminal = new TerminalStates(jdbc);
    private final CancellationFeed feed = new CancellationFeed(CODEC, List.of(cancelled));

    @Test
    void aCancelOnTheLifecycleTopicMakesTheGenerationTerminalForThisStage() {
        UUID id = UUID.randomUUID();
        assertThat(terminal.terminalStatus(id)).isEmpty();

        feed.onMessage(record(GenerationCancelled.of(id, Instant.now(), "cancelled by owner")));
        feed.onMessage(record(GenerationCancelled.of(id, Instant.now(), "cancelled by owner")));

        assertThat(terminal.terminalStatus(id)).contains(GenerationStatus.CANCELLED);
    }

    @Test
    void otherLifecycleEventsAndUndecodableRecordsArePassedOver() {
        UUID id = UUID.randomUUID();

        feed.onMessage(record(GenerationProgressed.of(id, Instant.now(), 50)));
        feed.onMessage(new ConsumerRecord<>(Topics.LIFECYCLE, 0, 0, id.toString(), "{not json".getBytes()));

        assertThat(terminal.terminalStatus(id)).isEmpty();
    }

    @Test
    void aCompletedDownloadIsStillKnownAsCompleted() {
        UUID id = UUID.randomUUID();
        completed.record(id, List.of(), Instant.now());

        assertThat(terminal.terminalStatus(id)).contains(GenerationStatus.COMPLETED);
    }

    private static ConsumerRecord<String, byte[]> record(PipelineEvent event) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(
                Topics.LIFECYCLE, 0, 0, event.generationId().toString(), CODEC.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
