package io.picturepipeline.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One sample of every event type, for round-trip and schema tests. */
final class Events {

    static final UUID GENERATION = UUID.fromString("7d3c7a52-5f5e-4a0b-9d38-2f5d2b8d3c11");
    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");

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
                1);
    }

    static List<PipelineEvent> oneOfEach() {
        return List.of(
                GenerationRequested.of(
                        GENERATION, AT, "alice", parameters(), new Admission("pro", 5, 4, AT.plusSeconds(600))),
                GenerationStarted.of(GENERATION, AT, "replicate", "p-123"),
                GenerationProgressed.of(GENERATION, AT, 50),
                ImagesGenerated.of(
                        GENERATION, AT, "alice", "p-123", List.of("http://provider/files/p-123/0.png"), 1024, 768),
                GenerationCompleted.of(
                        GENERATION,
                        AT,
                        List.of(new StoredImage(0, GENERATION + "/0.png", "image/png", 2048, 1024, 768))),
                GenerationFailed.of(GENERATION, AT, Stage.GENERATE, "ProviderRejected", "invalid prompt"),
                GenerationCancelled.of(GENERATION, AT, "cancelled by owner"),
                RetryScheduled.of(GENERATION, AT, Stage.DOWNLOAD, 1, Duration.ofSeconds(10), "HTTP 503"),
                DeadLettered.of(GENERATION, AT, Stage.GENERATE, "pipeline.generate-dlt", "ProviderRejected", "bad", 4),
                DeadLetterReplayed.of(
                        GENERATION,
                        AT,
                        Stage.GENERATE,
                        DeadLetterRef.parse("pipeline.generate-dlt:3:17"),
                        1,
                        "alice",
                        "provider is back"),
                DeadLetterResolved.of(
                        GENERATION,
                        AT,
                        Stage.DOWNLOAD,
                        DeadLetterRef.parse("pipeline.download-dlt:0:4"),
                        "bob",
                        "image host gone for good"));
    }

    private Events() {}
}
