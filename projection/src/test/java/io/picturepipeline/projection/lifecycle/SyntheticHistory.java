package io.picturepipeline.projection.lifecycle;

import static io.picturepipeline.testsupport.RequestBuilder.aRequest;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLetterReplayed;
import io.picturepipeline.schemas.DeadLetterResolved;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic lifecycle histories for benchmarks (the benchmark hook of projection/README.md): generations requested
 * one after the other from {@code start}, each history in the order the stages publish it, with the outcomes of
 * {@code bench/synthetic_history.sql}: 88 % completed, 6 % failed, 3 % cancelled, 3 % dead-lettered (half of them
 * still open, then replayed and completed, or resolved and failed); 10 % retried once and 2 % twice. The same seed
 * gives the same histories, ids included.
 *
 * <pre>{@code
 * SyntheticHistory history = new SyntheticHistory(42, Instant.now().minus(Duration.ofDays(1)), Duration.ofSeconds(1));
 * List<PipelineEvent> events = history.events(1_000_000);   // about 5 events per generation
 * }</pre>
 */
final class SyntheticHistory {

    static final List<String> MODELS = List.of(
            "black-forest-labs/flux-schnell",
            "black-forest-labs/flux-dev",
            "stability-ai/sdxl",
            "bytedance/sdxl-lightning-4step",
            "ideogram-ai/ideogram-v3-turbo",
            "google/imagen-4");

    private final Random random;
    private Instant next;
    private final Duration spacing;
    private long generations;

    /** Generations requested {@code spacing} apart from {@code start}. */
    SyntheticHistory(long seed, Instant start, Duration spacing) {
        this.random = new Random(seed);
        this.next = start;
        this.spacing = spacing;
    }

    /** Whole histories until at least {@code events} events, generation after generation. */
    List<PipelineEvent> events(int events) {
        List<PipelineEvent> all = new ArrayList<>(events + 16);
        while (all.size() < events) {
            all.addAll(nextGeneration());
        }
        return all;
    }

    /** The next generation's history, in publication order. */
    List<PipelineEvent> nextGeneration() {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        Instant requested = next;
        next = next.plus(spacing);
        String model = MODELS.get((int) (generations++ % MODELS.size()));
        String owner = "user-" + random.nextInt(5_000);
        double outcome = random.nextDouble();
        int retries = retries(random.nextDouble());
        Instant at = requested.plus(millis(300, 5_000));
        List<PipelineEvent> events = new ArrayList<>();
        events.add(aRequest()
                .id(id)
                .at(requested)
                .owner(owner)
                .prompt("a lighthouse at dawn, oil painting")
                .model(model)
                .size(1024, 768)
                .steps(4, 7.5)
                .seed(7L)
                .build());
        if (outcome >= 0.94 && outcome < 0.97) {
            events.add(GenerationCancelled.of(id, requested.plus(millis(100, 2_000)), "cancelled by owner"));
            return events;
        }
        events.add(GenerationStarted.of(id, at, "replicate", "p-0"));
        for (int retry = 1; retry <= retries; retry++) {
            at = at.plus(millis(1_000, 5_000));
            events.add(RetryScheduled.of(id, at, Stage.GENERATE, retry, Duration.ofSeconds(10), "HTTP 503"));
            at = at.plusSeconds(10);
            events.add(GenerationStarted.of(id, at, "replicate", "p-" + retry));
        }
        String prediction = "p-" + retries;
        at = at.plus(millis(2_000, 30_000));
        if (outcome >= 0.88 && outcome < 0.94) {
            events.add(GenerationFailed.of(id, at, Stage.GENERATE, "ProviderRejected", "invalid prompt"));
            return events;
        }
        if (outcome >= 0.97) {
            DeadLetterRef ref = new DeadLetterRef("pipeline.generate-dlt", (int) (generations % 12), generations);
            events.add(DeadLettered.of(id, at, Stage.GENERATE, ref, "ProviderTimeout", "no answer", 4));
            if (outcome < 0.985) {
                return events;
            }
            at = at.plus(Duration.ofHours(1));
            if (outcome >= 0.994) {
                events.add(DeadLetterResolved.of(id, at, Stage.GENERATE, ref, "ops", "provider gave up"));
                events.add(GenerationFailed.of(id, at, Stage.GENERATE, "ProviderTimeout", "provider gave up"));
                return events;
            }
            events.add(DeadLetterReplayed.of(id, at, Stage.GENERATE, ref, 1, "ops", "provider is back"));
            prediction = "p-replay";
            at = at.plus(millis(300, 2_000));
            events.add(GenerationStarted.of(id, at, "replicate", prediction));
            at = at.plus(millis(2_000, 30_000));
        }
        events.add(GenerationProgressed.of(id, at.minus(millis(500, 1_500)), 50));
        events.add(ImagesGenerated.of(
                id, at, owner, prediction, List.of("http://provider/files/" + prediction + "/0.png"), 1024, 768));
        at = at.plus(millis(300, 3_000));
        events.add(GenerationCompleted.of(
                id, at, List.of(new StoredImage(0, id + "/0.png", "image/png", 1_048_576, 1024, 768))));
        return events;
    }

    private static int retries(double draw) {
        return draw < 0.10 ? 1 : draw < 0.12 ? 2 : 0;
    }

    private Duration millis(int from, int to) {
        return Duration.ofMillis(from + random.nextInt(to - from));
    }
}
