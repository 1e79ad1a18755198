package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.GenerationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProjectionMetricsTest extends ProjectionIntegrationTest {

    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

    @Autowired
    MeterRegistry meters;

    @Autowired
    StuckGenerations stuck;

    @Test
    void theStuckGaugeCountsTheStuckJobsViewByStatus() {
        Map<GenerationStatus, Long> before = stuck.count();
        UUID queued = UUID.randomUUID();
        UUID processing = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID recent = UUID.randomUUID();

        awaitConsumed(lifecycle().publish(List.of(requested(queued, LONG_AGO))));
        awaitConsumed(lifecycle()
                .publish(List.of(
                        requested(processing, LONG_AGO),
                        GenerationStarted.of(processing, LONG_AGO.plusSeconds(1), "replicate", "p-1"))));
        awaitConsumed(lifecycle()
                .publish(List.of(
                        requested(cancelled, LONG_AGO),
                        GenerationCancelled.of(cancelled, LONG_AGO.plusSeconds(1), "cancelled by owner"))));
        awaitConsumed(lifecycle().publish(List.of(requested(recent, Instant.now()))));

        Map<GenerationStatus, Long> after = stuck.count();
        assertThat(after.getOrDefault(GenerationStatus.QUEUED, 0L))
                .isEqualTo(before.getOrDefault(GenerationStatus.QUEUED, 0L) + 1);
        assertThat(after.getOrDefault(GenerationStatus.PROCESSING, 0L))
                .isEqualTo(before.getOrDefault(GenerationStatus.PROCESSING, 0L) + 1);
        assertThat(jdbc.sql("select id from projection.stuck_jobs where id in (?, ?, ?, ?)")
                        .params(queued, processing, cancelled, recent)
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(queued, processing);
        assertThat(meters.get("pipeline.generations.stuck")
                        .tag("status", "queued")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1);
        // one per live status: queued, scheduled, processing, downloading
        assertThat(meters.find("pipeline.generations.stuck").gauges())
                .extracting(gauge -> gauge.getId().getTag("status"))
                .containsExactlyInAnyOrder("queued", "scheduled", "processing", "downloading");
    }

    @Test
    void theLagIsTheAgeOfTheOldestEventOfTheLastBatchAndZeroOnceIdle() {
        UUID id = UUID.randomUUID();

        lifecycle().publish(List.of(requested(id, Instant.now().minus(Duration.ofHours(1)))));

        await().atMost(Duration.ofSeconds(60)).until(() -> lag() >= 3_500);
        assertThat(lag()).isLessThan(3_700);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag() == 0);
    }

    @Test
    void aFinishedGenerationIsCountedOnceByItsOutcomeHoweverOftenItIsDelivered() {
        UUID id = UUID.randomUUID();
        double before = finished("completed");

        awaitConsumed(lifecycle().publish(Histories.completed(id)));
        awaitConsumed(lifecycle().publish(Histories.completed(id)));

        assertThat(finished("completed")).isEqualTo(before + 1);
    }

    private double lag() {
        return meters.get("pipeline.projection.lag").gauge().value();
    }

    private double finished(String outcome) {
        return meters.get("pipeline.generations")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static GenerationRequested requested(UUID id, Instant at) {
        return GenerationRequested.of(id, at, "alice", Histories.parameters());
    }
}
