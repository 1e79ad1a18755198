package io.picturepipeline.projection.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PipelineEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GenerationHourlyTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    private final GenerationRules rules = new GenerationRules();
    private final UUID id = UUID.randomUUID();

    @Test
    void aNewGenerationCountsInTheHourOfItsRequestAndOfItsCompletion() {
        GenerationRow before = GenerationRow.unknown(id);
        GenerationRow after = apply(
                before,
                requested(Instant.parse("2026-03-02T09:59:59Z")),
                GenerationCompleted.of(id, Instant.parse("2026-03-02T10:00:01Z"), List.of()));

        Map<Instant, long[]> deltas = GenerationHourly.deltas(List.of(new GenerationHourly.Change(before, after)));

        assertThat(deltas).containsOnlyKeys(hour("09"), hour("10"));
        assertThat(deltas.get(hour("09"))).containsExactly(1, 0, 0, 0);
        assertThat(deltas.get(hour("10"))).containsExactly(0, 1, 0, 0);
    }

    @Test
    void anEarlierRequestMovesTheCountToItsHour() {
        GenerationRow before = apply(GenerationRow.unknown(id), requested(Instant.parse("2026-03-02T10:30:00Z")));
        GenerationRow after = apply(before, requested(Instant.parse("2026-03-02T09:30:00Z")));

        Map<Instant, long[]> deltas = GenerationHourly.deltas(List.of(new GenerationHourly.Change(before, after)));

        assertThat(deltas.get(hour("10"))).containsExactly(-1, 0, 0, 0);
        assertThat(deltas.get(hour("09"))).containsExactly(1, 0, 0, 0);
    }

    @Test
    void aRowWhoseCountedTimesStayInTheirHoursAddsNothing() {
        GenerationRow before = apply(GenerationRow.unknown(id), requested(Instant.parse("2026-03-02T10:30:00Z")));
        GenerationRow after = apply(before, requested(Instant.parse("2026-03-02T10:10:00Z")));

        assertThat(GenerationHourly.deltas(List.of(new GenerationHourly.Change(before, after))))
                .isEmpty();
    }

    private GenerationRow apply(GenerationRow row, PipelineEvent... events) {
        GenerationRow current = row;
        for (PipelineEvent event : events) {
            current = rules.apply(current, event, NOW).row();
        }
        return current;
    }

    private GenerationRequested requested(Instant at) {
        return GenerationRequested.of(id, at, "alice", Histories.parameters());
    }

    private static Instant hour(String hour) {
        return Instant.parse("2026-03-02T" + hour + ":00:00Z");
    }
}
