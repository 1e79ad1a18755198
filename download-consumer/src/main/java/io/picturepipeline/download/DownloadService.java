package io.picturepipeline.download;

import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.picturepipeline.retry.EventPublisher;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.StoredImage;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.storage.ImageFormat;
import io.picturepipeline.storage.ImageKey;
import io.picturepipeline.storage.ImageStorage;
import io.picturepipeline.storage.StoredObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Downloads the outputs of one generation, idempotently under redelivery:
 *
 * <ol>
 *   <li>a generation known to be terminal (its download already completed) is skipped: nothing fetched, nothing
 *       published;
 *   <li>every output is fetched (transient failures retried a few times in process, then through the backoff
 *       tiers) and stored under {@code <generationId>/<index>.<ext>}, so a repeat overwrites;
 *   <li>{@code GenerationCompleted} is published and acknowledged; its event id is derived from the generation id,
 *       so a re-publish after a crash is deduped downstream;
 *   <li>only then the completion is recorded, which is what makes the next delivery a skip.
 * </ol>
 */
@Service
class DownloadService {

    private static final Logger log = LoggerFactory.getLogger(DownloadService.class);

    enum Outcome {
        COMPLETED,
        SKIPPED
    }

    private final TerminalStates terminalStates;
    private final CompletedDownloads completed;
    private final SafeFetcher fetcher;
    private final Retry fetchRetry;
    private final ImageStorage storage;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Counter completedGenerations;
    private final Counter skippedGenerations;
    private final Counter storedImages;
    private final Counter storedBytes;
    private final MeterRegistry meters;

    DownloadService(
            TerminalStates terminalStates,
            CompletedDownloads completed,
            SafeFetcher fetcher,
            Retry fetchRetry,
            ImageStorage storage,
            EventPublisher publisher,
            Clock clock,
            MeterRegistry meters) {
        this.terminalStates = terminalStates;
        this.completed = completed;
        this.fetcher = fetcher;
        this.fetchRetry = fetchRetry;
        this.storage = storage;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
        this.completedGenerations = generations("completed", meters);
        this.skippedGenerations = generations("skipped", meters);
        this.storedImages = Counter.builder("pipeline.download.images.stored")
                .description("images fetched and stored")
                .register(meters);
        this.storedBytes = Counter.builder("pipeline.download.bytes.stored")
                .description("bytes of images stored")
                .baseUnit("bytes")
                .register(meters);
    }

    private static Counter generations(String outcome, MeterRegistry meters) {
        return Counter.builder("pipeline.download.generations")
                .description("generations the download stage finished, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    Outcome download(ImagesGenerated event) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            Outcome result = downloadAll(event);
            outcome = result.name().toLowerCase(java.util.Locale.ROOT);
            return result;
        } finally {
            sample.stop(Timer.builder("pipeline.stage.duration")
                    .description("time a generation spends in a stage")
                    .tags("stage", "download", "outcome", outcome)
                    .publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofMinutes(15))
                    .register(meters));
        }
    }

    private Outcome downloadAll(ImagesGenerated event) {
        UUID generationId = event.generationId();
        Optional<GenerationStatus> terminal = terminalStates.terminalStatus(generationId);
        if (terminal.isPresent()) {
            log.info(
                    "generation {} is already {}: skipping its download",
                    generationId,
                    terminal.get().wireName());
            skippedGenerations.increment();
            return Outcome.SKIPPED;
        }
        List<StoredImage> images = new ArrayList<>(event.outputUrls().size());
        for (int index = 0; index < event.outputUrls().size(); index++) {
            if (endedMeanwhile(generationId)) {
                return Outcome.SKIPPED;
            }
            images.add(downloadOne(generationId, index, event.outputUrls().get(index)));
        }
        if (endedMeanwhile(generationId)) {
            return Outcome.SKIPPED;
        }
        publisher.publishNow(Topics.LIFECYCLE, GenerationCompleted.of(generationId, clock.instant(), images));
        completed.record(generationId, images, clock.instant());
        completedGenerations.increment();
        log.info("generation {} completed with {} stored image(s)", generationId, images.size());
        return Outcome.COMPLETED;
    }

    /** A cancel that arrived while the outputs were being fetched: nothing more is stored, nothing completed. */
    private boolean endedMeanwhile(UUID generationId) {
        Optional<GenerationStatus> terminal = terminalStates.terminalStatus(generationId);
        if (terminal.isPresent()) {
            log.info(
                    "generation {} became {} during its download: not completing it",
                    generationId,
                    terminal.get().wireName());
            skippedGenerations.increment();
        }
        return terminal.isPresent();
    }

    private StoredImage downloadOne(UUID generationId, int index, String url) {
        URI uri = parse(url, index);
        FetchedImage image = fetchRetry.executeSupplier(() -> fetcher.fetch(uri));
        ImageFormat format = image.format();
        ImageKey key = new ImageKey(generationId, index, format);
        StoredObject stored = storage.put(key, image.bytes());
        Optional<PngHeader.Dimensions> dimensions =
                format == ImageFormat.PNG ? PngHeader.dimensions(image.bytes()) : Optional.empty();
        storedImages.increment();
        storedBytes.increment(stored.size());
        log.debug("stored output {} of generation {} as {} ({} bytes)", index, generationId, key, stored.size());
        return new StoredImage(
                index,
                key.value(),
                stored.contentType(),
                stored.size(),
                dimensions.map(PngHeader.Dimensions::width).orElse(null),
                dimensions.map(PngHeader.Dimensions::height).orElse(null));
    }

    private static URI parse(String url, int index) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new NonRetryableException("output " + index + " is not a URL: " + e.getReason(), e);
        }
    }
}
