package io.picturepipeline.projection.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.picturepipeline.infra.PostgresServer;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The read model in a schema of its own in the shared test PostgreSQL, migrated by the real migrations and written
 * by the real {@link LifecycleProjector}, without Kafka: for tests that need to know every row (the views).
 */
final class IsolatedReadModel implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final LifecycleProjector projector;
    private final EventCodec codec = new EventCodec();
    private final AtomicLong offset = new AtomicLong();
    private final JdbcClient jdbc;

    private IsolatedReadModel(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
        this.projector = new LifecycleProjector(
                new EventLog(template, jdbc),
                new GenerationStore(template, jdbc),
                new DeadLetterStore(template, jdbc, codec),
                new GenerationHourly(template),
                new LifecycleOffsets(template),
                new DataSourceTransactionManager(dataSource),
                Clock.systemUTC(),
                new ProjectionMetrics(new SimpleMeterRegistry()));
    }

    /** An empty read model in {@code schema} (dropped first if it exists) of the database {@code picture}. */
    static IsolatedReadModel create(String schema) {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        String database = postgres.ensureDatabase("picture");
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl(database));
        dataSource.setUsername(postgres.username());
        dataSource.setPassword(postgres.password());
        dataSource.setSchema(schema);
        dataSource.setMaximumPoolSize(2);
        new JdbcTemplate(dataSource).execute("drop schema if exists " + schema + " cascade");
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration/projection")
                .placeholders(Map.of("analyst_password", "analyst"))
                .load()
                .migrate();
        return new IsolatedReadModel(dataSource);
    }

    /** Applies the events in order, one batch per call, as if read from consecutive offsets of partition 0. */
    void apply(List<? extends PipelineEvent> events) {
        projector.project(events.stream()
                .map(event -> new RecordedEvent(
                        event,
                        Topics.LIFECYCLE,
                        0,
                        offset.getAndIncrement(),
                        new String(codec.encode(event), StandardCharsets.UTF_8)))
                .toList());
    }

    /** Statements run with this schema as the search_path. */
    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
