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
 *       tiers) and stored under {@code <generationId>/<index>.<ext>}, so a repeat overwrites; an output whose URL
 *       is gone (404/410) is fetched again from the prediction's current URLs, once, and when the prediction has
 *       none (the provider deletes outputs an hour after the end) the generation fails as {@code output_expired};
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
    private final PredictionOutputs predictionOutputs;
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
            PredictionOutputs predictionOutputs,
            Retry fetchRetry,
            ImageStorage storage,
            EventPublisher publisher,
            Clock clock,
            MeterRegistry meters) {
        this.terminalStates = terminalStates;
        this.completed = completed;
        this.fetcher = fetcher;
        this.predictionOutputs = predictionOutputs;
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
        List<String> urls = event.outputUrls();
        boolean refreshed = false;
        for (int index = 0; index < event.outputUrls().size(); index++) {
            // the first output was asked about just above
            if (index > 0 && endedMeanwhile(generationId)) {
                return Outcome.SKIPPED;
            }
            try {
                images.add(downloadOne(generationId, index, urls.get(index)));
            } catch (OutputGoneException gone) {
                if (refreshed) {
                    throw expired(event, index, gone, "its fresh URL is gone too");
                }
                urls = freshUrls(event, index, gone);
                refreshed = true;
                try {
                    images.add(downloadOne(generationId, index, urls.get(index)));
                } catch (OutputGoneException goneAgain) {
                    throw expired(event, index, goneAgain, "its fresh URL is gone too");
                }
            }
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

    /** The prediction's current output URLs, or {@link OutputExpiredException} when it has none any more. */
    private List<String> freshUrls(ImagesGenerated event, int index, OutputGoneException gone) {
        if (!predictionOutputs.configured()) {
            throw expired(event, index, gone, "no provider API token is configured to ask for fresh URLs");
        }
        List<String> fresh = predictionOutputs
                .current(event.predictionId())
                .orElseThrow(() -> expired(event, index, gone, "the provider has deleted the prediction's outputs"));
        if (fresh.size() != event.outputUrls().size()) {
            throw expired(
                    event,
                    index,
                    gone,
                    "the prediction now lists " + fresh.size() + " output(s) instead of "
                            + event.outputUrls().size());
        }
        log.info(
                "output {} of generation {} is gone ({}): fetching the fresh URLs of prediction {}",
                index,
                event.generationId(),
                gone.getMessage(),
                event.predictionId());
        return fresh;
    }

    private static OutputExpiredException expired(
            ImagesGenerated event, int index, OutputGoneException gone, String why) {
        return new OutputExpiredException("The image expired at the provider before it was downloaded: output "
                + index + " of prediction " + event.predictionId() + " is gone (" + gone.getMessage() + ") and "
                + why + "; Replicate deletes outputs an hour after a prediction ends.");
    }

    private static URI parse(String url, int index) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new NonRetryableException("output " + index + " is not a URL: " + e.getReason(), e);
        }
    }
}
