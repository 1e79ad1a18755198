package io.picturepipeline.projection.lifecycle;

import static io.picturepipeline.projection.lifecycle.Histories.T0;
import static io.picturepipeline.projection.lifecycle.Histories.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.EventIds;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GenerationRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final GenerationRules rules = new GenerationRules();
    private final UUID id = UUID.randomUUID();

    @Test
    void aCompletedHistoryFillsEveryStageTimestampAndTheImages() {
        GenerationRow row = replay(Histories.completed(id));

        assertThat(row.status()).isEqualTo(GenerationStatus.COMPLETED);
        assertThat(row.owner()).isEqualTo("alice");
        assertThat(row.model()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(row.prompt()).isEqualTo("a lighthouse at dawn");
        assertThat(row.parameters()).isEqualTo(Histories.parameters());
        assertThat(row.progress()).isEqualTo(100);
        assertThat(row.predictionId()).isEqualTo("p-2");
        assertThat(row.images()).isEqualTo(Histories.images(id));
        assertThat(row.requestedAt()).isEqualTo(T0);
        assertThat(row.startedAt()).isEqualTo(at(1));
        assertThat(row.attemptStartedAt()).isEqualTo(at(4));
        assertThat(row.generatedAt()).isEqualTo(at(7));
        assertThat(row.completedAt()).isEqualTo(at(9));
        assertThat(row.lastEventAt()).isEqualTo(at(9));
        assertThat(row.updatedAt()).isEqualTo(NOW);
        assertThat(row.failedAt()).isNull();
        assertThat(row.cancelledAt()).isNull();
        assertThat(row.errorStage()).isNull();
    }

    @Test
    void eachStageMovesTheStatusForward() {
        List<GenerationStatus> statuses = new ArrayList<>();
        GenerationRow row = null;
        for (PipelineEvent event : Histories.completed(id)) {
            row = rules.apply(row, event, NOW).row();
            statuses.add(row.status());
        }

        assertThat(statuses)
                .containsExactly(
                        GenerationStatus.QUEUED,
                        GenerationStatus.PROCESSING,
                        GenerationStatus.PROCESSING,
                        GenerationStatus.PROCESSING,
                        GenerationStatus.PROCESSING,
                        GenerationStatus.PROCESSING,
                        GenerationStatus.DOWNLOADING,
                        GenerationStatus.COMPLETED);
    }

    @Test
    void everyEventDeliveredTwiceGivesTheSameRowAsOnce() {
        List<PipelineEvent> history = Histories.completed(id);
        List<PipelineEvent> twice = new ArrayList<>();
        history.forEach(event -> twice.addAll(List.of(event, event)));

        assertThat(replay(twice)).isEqualTo(replay(history));
    }

    @Test
    void theWholeHistoryDeliveredAgainChangesNothing() {
        List<PipelineEvent> history = Histories.completed(id);
        List<PipelineEvent> again = new ArrayList<>(history);
        again.addAll(history);

        assertThat(replay(again)).isEqualTo(replay(history));
    }

    @Test
    void everyOrderOfAHistoryWithOneTerminalFactGivesTheSameRow() {
        List<PipelineEvent> history = Histories.completed(id);
        GenerationRow expected = replay(history);

        List<List<PipelineEvent>> orders = permutations(history);

        assertThat(orders).hasSize(40_320);
        for (List<PipelineEvent> order : orders) {
            assertThat(replay(order))
                    .as(
                            "the row after %s",
                            order.stream().map(PipelineEvent::type).toList())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aLateRequestStillFillsOwnerModelParametersAndRequestTime() {
        List<PipelineEvent> history = new ArrayList<>(Histories.completed(id));
        PipelineEvent requested = history.remove(0);
        history.add(requested);

        GenerationRow row = replay(history);

        assertThat(row.status()).isEqualTo(GenerationStatus.COMPLETED);
        assertThat(row.owner()).isEqualTo("alice");
        assertThat(row.model()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(row.parameters()).isEqualTo(Histories.parameters());
        assertThat(row.requestedAt()).isEqualTo(T0);
    }

    @Test
    void aStaleEventFillsItsFactsButNeverMovesTheStatusBack() {
        GenerationRow downloading = replay(List.of(
                Histories.requested(id),
                ImagesGenerated.of(id, at(7), "alice", "p-2", List.of("http://provider/files/p-2/0.png"), 1, 1)));

        GenerationRules.Applied started =
                rules.apply(downloading, GenerationStarted.of(id, at(4), "replicate", "p-2"), NOW);

        assertThat(started.refused()).isFalse();
        assertThat(started.row().status()).isEqualTo(GenerationStatus.DOWNLOADING);
        assertThat(started.row().startedAt()).isEqualTo(at(4));
        assertThat(started.row().lastEventAt()).isEqualTo(at(7));
    }

    @Test
    void theOutputsPredictionWinsOverALaterStartedAttempt() {
        GenerationRow row = replay(List.of(
                ImagesGenerated.of(id, at(7), "alice", "p-2", List.of("http://provider/files/p-2/0.png"), 1, 1),
                GenerationStarted.of(id, at(8), "replicate", "p-3")));

        assertThat(row.predictionId()).isEqualTo("p-2");
        assertThat(row.attemptStartedAt()).isEqualTo(at(8));
    }

    @Test
    void aCompletionAfterACancellationLeavesItCancelled() {
        GenerationRow cancelled = replay(List.of(
                Histories.requested(id),
                GenerationStarted.of(id, at(1), "replicate", "p-1"),
                GenerationCancelled.of(id, at(2), "cancelled by owner")));
        GenerationCompleted lateCompletion =
                new GenerationCompleted(UUID.randomUUID(), id, at(3), 1, Histories.images(id));

        GenerationRules.Applied applied = rules.apply(cancelled, lateCompletion, NOW);

        assertThat(applied.refused()).isTrue();
        assertThat(applied.refusal()).contains("already cancelled").contains("GenerationCompleted");
        assertThat(applied.row()).isEqualTo(cancelled);
        assertThat(applied.row().status()).isEqualTo(GenerationStatus.CANCELLED);
        assertThat(applied.row().cancelledAt()).isEqualTo(at(2));
        assertThat(applied.row().cancelReason()).isEqualTo("cancelled by owner");
        assertThat(applied.row().completedAt()).isNull();
        assertThat(applied.row().images()).isEmpty();
    }

    @Test
    void aSecondTerminalFactOfTheSameKindIsRefusedToo() {
        GenerationRow failed = replay(List.of(
                Histories.requested(id),
                GenerationFailed.of(id, at(1), Stage.GENERATE, "ProviderRejected", "invalid prompt")));
        GenerationFailed again =
                new GenerationFailed(UUID.randomUUID(), id, at(5), 1, Stage.DOWNLOAD, "Timeout", "too slow");

        GenerationRules.Applied applied = rules.apply(failed, again, NOW);

        assertThat(applied.refused()).isTrue();
        assertThat(applied.row().errorStage()).isEqualTo(Stage.GENERATE);
        assertThat(applied.row().errorClass()).isEqualTo("ProviderRejected");
        assertThat(applied.row().errorMessage()).isEqualTo("invalid prompt");
        assertThat(applied.row().failedAt()).isEqualTo(at(1));
    }

    @Test
    void aNonTerminalEventAfterTheEndIsRecordedWithoutReopeningTheGeneration() {
        GenerationRow cancelled =
                replay(List.of(Histories.requested(id), GenerationCancelled.of(id, at(2), "cancelled by owner")));

        GenerationRules.Applied started =
                rules.apply(cancelled, GenerationStarted.of(id, at(1), "replicate", "p-1"), NOW);

        assertThat(started.refused()).isFalse();
        assertThat(started.row().status()).isEqualTo(GenerationStatus.CANCELLED);
        assertThat(started.row().startedAt()).isEqualTo(at(1));
    }

    @Test
    void progressOnlyIncreases() {
        GenerationRow row = replay(List.of(
                GenerationProgressed.of(id, at(5), 80),
                GenerationProgressed.of(id, at(6), 30),
                GenerationProgressed.of(id, at(7), 50)));

        assertThat(row.progress()).isEqualTo(80);
    }

    @Test
    void aFailureKeepsItsStageClassMessageAndTime() {
        GenerationRow row = replay(List.of(
                Histories.requested(id),
                GenerationStarted.of(id, at(1), "replicate", "p-1"),
                GenerationFailed.of(id, at(3), Stage.GENERATE, "ProviderRejected", "invalid prompt")));

        assertThat(row.status()).isEqualTo(GenerationStatus.FAILED);
        assertThat(row.errorStage()).isEqualTo(Stage.GENERATE);
        assertThat(row.errorClass()).isEqualTo("ProviderRejected");
        assertThat(row.errorMessage()).isEqualTo("invalid prompt");
        assertThat(row.failedAt()).isEqualTo(at(3));
    }

    @Test
    void terminalFactsShareOneEventIdSoTheLogSeesALateOneAsARepeat() {
        assertThat(GenerationCompleted.of(id, at(3), List.of()).eventId())
                .isEqualTo(GenerationCancelled.of(id, at(2), "x").eventId())
                .isEqualTo(EventIds.forFact(id, "terminal"));
    }

    @Test
    void aScheduledRetryIsDueAtTheLatestOfItsTimesPlusDelay() {
        GenerationRow row = replay(List.of(
                RetryScheduled.of(id, at(10), Stage.GENERATE, 2, Duration.ofSeconds(60), "HTTP 503"),
                RetryScheduled.of(id, at(2), Stage.GENERATE, 1, Duration.ofSeconds(10), "HTTP 503")));

        assertThat(row.retryDueAt()).isEqualTo(at(70));
        assertThat(row.status()).isEqualTo(GenerationStatus.QUEUED);
    }

    @Test
    void whatOpsDoWithADeadLetterChangesNoStatusButCountsAsActivity() {
        DeadLetterRef ref = DeadLetterRef.parse("pipeline.generate-dlt:0:1");
        GenerationRow parked = replay(List.of(
                Histories.requested(id),
                GenerationStarted.of(id, at(1), "replicate", "p-1"),
                DeadLettered.of(id, at(2), Stage.GENERATE, ref, "ProviderTimeout", "no answer", 4)));

        GenerationRow replayed = rules.apply(
                        parked, DeadLetterReplayed.of(id, at(60), Stage.GENERATE, ref, 1, "alice", "back"), NOW)
                .row();
        GenerationRow resolved = rules.apply(
                        parked, DeadLetterResolved.of(id, at(90), Stage.GENERATE, ref, "bob", "gone"), NOW)
                .row();

        assertThat(parked.status()).isEqualTo(GenerationStatus.PROCESSING);
        assertThat(parked.lastEventAt()).isEqualTo(at(2));
        assertThat(replayed.status()).isEqualTo(GenerationStatus.PROCESSING);
        assertThat(replayed.lastEventAt()).isEqualTo(at(60));
        assertThat(resolved.status()).isEqualTo(GenerationStatus.PROCESSING);
        assertThat(resolved.lastEventAt()).isEqualTo(at(90));
    }

    @Test
    void eventTimesAreKeptAtTheDatabasesMicrosecondPrecision() {
        GenerationRow row =
                replay(List.of(GenerationProgressed.of(id, Instant.parse("2026-03-02T09:00:00.1234567Z"), 1)));

        assertThat(row.lastEventAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123456Z"));
    }

    private GenerationRow replay(List<PipelineEvent> events) {
        GenerationRow row = null;
        for (PipelineEvent event : events) {
            row = rules.apply(row, event, NOW).row();
        }
        return row;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        List<List<T>> result = new ArrayList<>();
        permute(new ArrayList<>(items), 0, result);
        return result;
    }

    private static <T> void permute(List<T> items, int from, List<List<T>> result) {
        if (from == items.size()) {
            result.add(List.copyOf(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            Collections.swap(items, from, i);
            permute(items, from + 1, result);
            Collections.swap(items, from, i);
        }
    }
}
