package io.picturepipeline.projection.lifecycle;

import static io.picturepipeline.testsupport.RequestBuilder.aRequest;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One of each kind of generation, at fixed times before {@code now}: completed (one after a retry), failed in each
 * stage, dead-lettered and still waiting for ops, dead-lettered then replayed, dead-lettered then resolved, stuck in
 * the queue, waiting for a retry that is not due, in progress in each stage, cancelled, and a failure older than a
 * day. Two models, so that the per-model statistics differ. The monitoring views' expected rows follow from these
 * times (see MonitoringViewsTest).
 */
final class ScriptedHistory {

    static final String MODEL_A = "black-forest-labs/flux-schnell";
    static final String MODEL_B = "stability-ai/sdxl";
    static final DeadLetterRef PARKED = DeadLetterRef.parse("pipeline.generate-dlt:0:7");
    static final DeadLetterRef REPLAYED = DeadLetterRef.parse("pipeline.generate-dlt:0:8");
    static final DeadLetterRef RESOLVED = DeadLetterRef.parse("pipeline.download-dlt:0:3");

    final Instant now;
    final UUID done = UUID.randomUUID();
    final UUID fast = UUID.randomUUID();
    final UUID failed = UUID.randomUUID();
    final UUID deadLettered = UUID.randomUUID();
    final UUID replayed = UUID.randomUUID();
    final UUID resolved = UUID.randomUUID();
    final UUID stuckQueued = UUID.randomUUID();
    final UUID queued = UUID.randomUUID();
    final UUID processing = UUID.randomUUID();
    final UUID retrying = UUID.randomUUID();
    final UUID downloading = UUID.randomUUID();
    final UUID cancelled = UUID.randomUUID();
    final UUID oldFailure = UUID.randomUUID();

    private final Map<UUID, List<PipelineEvent>> histories = new LinkedHashMap<>();

    ScriptedHistory(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MICROS);
        history(
                done,
                requested(done, MODEL_A, minutes(50)),
                GenerationStarted.of(done, minutes(49), "replicate", "p-1"),
                RetryScheduled.of(done, minutes(48), Stage.GENERATE, 1, Duration.ofSeconds(2), "HTTP 503"),
                GenerationStarted.of(done, minutes(47), "replicate", "p-2"),
                generated(done, minutes(40), "p-2"),
                GenerationCompleted.of(done, minutes(38), images(done)));
        history(
                fast,
                requested(fast, MODEL_A, minutes(30)),
                GenerationStarted.of(fast, seconds(29 * 60 + 30), "replicate", "p-1"),
                generated(fast, minutes(29), "p-1"),
                GenerationCompleted.of(fast, seconds(28 * 60 + 50), images(fast)));
        history(
                failed,
                requested(failed, MODEL_B, minutes(20)),
                GenerationStarted.of(failed, minutes(19), "replicate", "p-1"),
                GenerationFailed.of(failed, minutes(18), Stage.GENERATE, "ProviderRejected", "invalid prompt"));
        history(
                deadLettered,
                requested(deadLettered, MODEL_B, minutes(180)),
                GenerationStarted.of(deadLettered, minutes(179), "replicate", "p-1"),
                DeadLettered.of(deadLettered, minutes(120), Stage.GENERATE, PARKED, "ProviderTimeout", "no answer", 4));
        history(
                replayed,
                requested(replayed, MODEL_A, minutes(300)),
                GenerationStarted.of(replayed, minutes(299), "replicate", "p-1"),
                DeadLettered.of(replayed, minutes(240), Stage.GENERATE, REPLAYED, "ProviderUnavailable", "503", 4),
                DeadLetterReplayed.of(replayed, minutes(180), Stage.GENERATE, REPLAYED, 1, "alice", "provider is back"),
                GenerationStarted.of(replayed, seconds(180 * 60 - 1), "replicate", "p-2"),
                generated(replayed, minutes(179), "p-2"),
                GenerationCompleted.of(replayed, minutes(178), images(replayed)));
        history(
                resolved,
                requested(resolved, MODEL_B, minutes(360)),
                GenerationStarted.of(resolved, minutes(359), "replicate", "p-1"),
                generated(resolved, minutes(358), "p-1"),
                DeadLettered.of(resolved, minutes(300), Stage.DOWNLOAD, RESOLVED, "ImageGone", "HTTP 404", 4),
                DeadLetterResolved.of(resolved, minutes(240), Stage.DOWNLOAD, RESOLVED, "bob", "image host gone"),
                GenerationFailed.of(resolved, minutes(240), Stage.DOWNLOAD, "ImageGone", "image host gone"));
        history(stuckQueued, requested(stuckQueued, MODEL_A, minutes(20)));
        history(queued, requested(queued, MODEL_A, minutes(1)));
        history(
                processing,
                requested(processing, MODEL_B, minutes(5)),
                GenerationStarted.of(processing, minutes(4), "replicate", "p-1"));
        history(
                retrying,
                requested(retrying, MODEL_A, minutes(40)),
                GenerationStarted.of(retrying, minutes(39), "replicate", "p-1"),
                RetryScheduled.of(retrying, minutes(20), Stage.GENERATE, 1, Duration.ofHours(1), "HTTP 429"));
        history(
                downloading,
                requested(downloading, MODEL_B, minutes(10)),
                GenerationStarted.of(downloading, minutes(9), "replicate", "p-1"),
                generated(downloading, minutes(2), "p-1"));
        history(
                cancelled,
                requested(cancelled, MODEL_A, minutes(15)),
                GenerationCancelled.of(cancelled, minutes(10), "cancelled by owner"));
        history(
                oldFailure,
                requested(oldFailure, MODEL_B, minutes(30 * 60)),
                GenerationStarted.of(oldFailure, minutes(30 * 60 - 1), "replicate", "p-1"),
                generated(oldFailure, minutes(30 * 60 - 2), "p-1"),
                GenerationFailed.of(oldFailure, minutes(26 * 60), Stage.DOWNLOAD, "Timeout", "too slow"));
    }

    /** Every event, one generation after the other, each generation's in order. */
    List<PipelineEvent> events() {
        List<PipelineEvent> all = new ArrayList<>();
        histories.values().forEach(all::addAll);
        return all;
    }

    List<PipelineEvent> of(UUID generation) {
        return histories.get(generation);
    }

    Map<UUID, List<PipelineEvent>> byGeneration() {
        return histories;
    }

    /** {@code minutes} before now. */
    Instant minutes(int minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    Instant seconds(int seconds) {
        return now.minusSeconds(seconds);
    }

    private void history(UUID id, PipelineEvent... events) {
        histories.put(id, List.of(events));
    }

    private static GenerationRequested requested(UUID id, String model, Instant at) {
        return aRequest()
                .id(id)
                .at(at)
                .prompt("a lighthouse at dawn")
                .model(model)
                .size(1024, 768)
                .steps(4, 7.5)
                .build();
    }

    private static ImagesGenerated generated(UUID id, Instant at, String prediction) {
        return ImagesGenerated.of(
                id, at, "alice", prediction, List.of("http://provider/files/" + prediction + "/0.png"), 1024, 768);
    }

    private static List<StoredImage> images(UUID id) {
        return List.of(new StoredImage(0, id + "/0.png", "image/png", 2048, 1024, 768));
    }
}
