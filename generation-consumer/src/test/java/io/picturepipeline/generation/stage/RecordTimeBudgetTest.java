package io.picturepipeline.generation.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picturepipeline.generation.GenerationSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RecordTimeBudgetTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void worstCaseOfOneRecordCountsEveryCreateAttemptAndTheWaitsBetweenThem() {
        // 5 list pages × (5 s connect + 10 s) looking for a lost create, 3 × (5 s connect + 15 s request) + 2 × 10 s
        // Retry-After, then cancelling a superseded prediction: 3 × (5 s + 10 s) + 2 × 10 s, and 5 s of database work
        assertThat(RecordTimeBudget.perRecord(defaults(), PUBLISH_TIMEOUT)).isEqualTo(Duration.ofSeconds(225));
    }

    @Test
    void defaultBatchFitsTheDefaultPollIntervalWithItsMargin() {
        Duration perRecord = RecordTimeBudget.perRecord(defaults(), PUBLISH_TIMEOUT);

        assertThatCode(() -> RecordTimeBudget.check(2, Duration.ofMinutes(10), perRecord))
                .doesNotThrowAnyException();
    }

    @Test
    void batchThatAHangingProviderCouldStretchPastThePollIntervalStopsTheService() {
        Duration perRecord = RecordTimeBudget.perRecord(defaults(), PUBLISH_TIMEOUT);

        // the old setting: 50 records a poll, Kafka's 5-minute max.poll.interval.ms
        assertThatThrownBy(() -> RecordTimeBudget.check(50, Duration.ofMinutes(5), perRecord))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max.poll.records")
                .hasMessageContaining("max.poll.interval.ms");
    }

    @Test
    void longerCreateTimeoutsNeedFewerRecordsPerPoll() {
        GenerationSettings slow = bind(Map.of(
                "pipeline.generation.replicate.sync-wait", "60s",
                "pipeline.generation.replicate.request-timeout", "70s"));
        Duration perRecord = RecordTimeBudget.perRecord(slow, PUBLISH_TIMEOUT);

        assertThatThrownBy(() -> RecordTimeBudget.check(2, Duration.ofMinutes(10), perRecord))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> RecordTimeBudget.check(1, Duration.ofMinutes(10), perRecord))
                .doesNotThrowAnyException();
    }

    private static GenerationSettings defaults() {
        return bind(Map.of());
    }

    private static GenerationSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pipeline.generation", GenerationSettings.class);
    }
}
