package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Scripted lifecycle histories, as the stages publish them. */
final class Histories {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456Z");

    private Histories() {}

    static GenerationParameters parameters() {
        return new GenerationParameters(
                "a lighthouse at dawn",
                "blurry",
                "black-forest-labs/flux-schnell",
                1024,
                768,
                4,
                7.5,
                42L,
                null,
                null,
                2);
    }

    static List<StoredImage> images(UUID id) {
        return List.of(
                new StoredImage(0, id + "/0.png", "image/png", 2048, 1024, 768),
                new StoredImage(1, id + "/1.png", "image/png", 4096, 1024, 768));
    }

    static GenerationRequested requested(UUID id) {
        return GenerationRequested.of(id, T0, "alice", parameters());
    }

    /** Requested, a first prediction that fails transiently, a second that runs to completion. */
    static List<PipelineEvent> completed(UUID id) {
        return completed(id, images(id));
    }

    static List<PipelineEvent> completed(UUID id, List<StoredImage> images) {
        return List.of(
                requested(id),
                GenerationStarted.of(id, at(1), "replicate", "p-1"),
                RetryScheduled.of(id, at(2), Stage.GENERATE, 1, Duration.ofSeconds(2), "HTTP 503"),
                GenerationStarted.of(id, at(4), "replicate", "p-2"),
                GenerationProgressed.of(id, at(5), 30),
                GenerationProgressed.of(id, at(6), 80),
                ImagesGenerated.of(
                        id,
                        at(7),
                        "alice",
                        "p-2",
                        List.of("http://provider/files/p-2/0.png", "http://provider/files/p-2/1.png"),
                        1024,
                        768),
                GenerationCompleted.of(id, at(9), images));
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
