package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.PipelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticHistoryTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameHistories() {
        assertThat(new SyntheticHistory(42, START, Duration.ofSeconds(1)).events(5_000))
                .isEqualTo(new SyntheticHistory(42, START, Duration.ofSeconds(1)).events(5_000));
    }

    @Test
    void everyHistoryIsLegalAndTheOutcomesHaveTheDocumentedShares() {
        SyntheticHistory history = new SyntheticHistory(7, START, Duration.ofSeconds(1));
        GenerationRules rules = new GenerationRules();
        Map<GenerationStatus, Integer> outcomes = new EnumMap<>(GenerationStatus.class);
        int events = 0;
        for (int generation = 0; generation < 20_000; generation++) {
            List<PipelineEvent> generationEvents = history.nextGeneration();
            events += generationEvents.size();
            GenerationRow row = null;
            for (PipelineEvent event : generationEvents) {
                GenerationRules.Applied applied = rules.apply(row, event, START);
                assertThat(applied.refused()).as("%s", event).isFalse();
                row = applied.row();
            }
            outcomes.merge(row.status(), 1, Integer::sum);
        }

        assertThat(outcomes.get(GenerationStatus.COMPLETED) / 20_000.0).isBetween(0.88, 0.91);
        assertThat(outcomes.get(GenerationStatus.FAILED) / 20_000.0).isBetween(0.055, 0.075);
        assertThat(outcomes.get(GenerationStatus.CANCELLED) / 20_000.0).isBetween(0.025, 0.035);
        assertThat(outcomes.get(GenerationStatus.PROCESSING) / 20_000.0).isBetween(0.01, 0.02);
        assertThat(events / 20_000.0).isBetween(4.5, 7.0);
    }
}
