package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.projection.ProjectionSettings;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ./pp rebuild-projection}: the read model rebuilt from the lifecycle topic while the live projection goes on.
 * Everything runs in the schema {@code projection_rebuild} (the connection's search_path; see projection-rebuild.yml)
 * through the same {@link LifecycleProjector} and {@link GenerationRules} as the live service: migrate it empty, apply
 * the topic from the beginning to its end, once more for what arrived meanwhile, then {@link SchemaSwap swap} it in.
 * Stopping it at any point leaves the live read model as it was.
 */
@Component
@Profile("rebuild")
class Rebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    private final Flyway flyway;
    private final ConsumerFactory<?, ?> consumers;
    private final ReplayApplier applier;
    private final SchemaSwap schemas;
    private final ProjectionSettings settings;
    private final Clock clock;

    Rebuild(
            Flyway flyway,
            ConsumerFactory<?, ?> consumers,
            ReplayApplier applier,
            SchemaSwap schemas,
            ProjectionSettings settings,
            Clock clock) {
        this.flyway = flyway;
        this.consumers = consumers;
        this.applier = applier;
        this.schemas = schemas;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant started = clock.instant();
        log.info("rebuilding the read model from {} into {}", Topics.LIFECYCLE, SchemaSwap.REBUILT);
        schemas.recreate(flyway);
        try (TopicReplay replay =
                new TopicReplay(consumers.getConfigurationProperties(), Topics.LIFECYCLE, settings.batchSize())) {
            Instant replaying = clock.instant();
            long first = replay.toEnd(applier::apply);
            Duration took = Duration.between(replaying, clock.instant());
            log.info("applied {} records in {} ms ({} records/s)", first, took.toMillis(), rate(first, took));
            replay.toEnd(applier::apply);
            if (settings.rebuild().swap()) {
                schemas.swap(
                        () -> replay.toEnd(applier::apply), settings.rebuild().lockTimeout());
            } else {
                log.info(
                        "kept {} beside {} (pipeline.projection.rebuild.swap=false)",
                        SchemaSwap.REBUILT,
                        SchemaSwap.LIVE);
            }
            log.info(
                    "rebuild done in {} s: {} records, {} skipped as the live projection dead-letters them{}",
                    Duration.between(started, clock.instant()).toSeconds(),
                    replay.read(),
                    applier.skipped(),
                    settings.rebuild().swap() ? "; " + SchemaSwap.LIVE + " is the rebuilt read model" : "");
        }
    }

    private static long rate(long records, Duration took) {
        return took.toMillis() == 0 ? records : records * 1000 / took.toMillis();
    }
}
