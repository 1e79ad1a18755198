package io.picturepipeline.generation.prediction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.cancel.Cancellations;
import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.ProviderRejectedException;
import io.picturepipeline.retry.ClientFailures;
import io.picturepipeline.retry.EventPublisher;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acts on what the provider says about one claimed prediction — a poll's answer, the create call's answer in sync
 * mode, or a verified webhook ({@link Source}): publishes what changed, then records it. Events go out before the row
 * changes, so a crash in between re-polls and re-publishes the same facts (with the same event ids, which consumers
 * dedupe) rather than losing them.
 */
@Component
class PollResultHandler {

    static final String PROVIDER_FAILED = "ProviderFailed";
    static final String PROVIDER_TIMEOUT = "ProviderTimeout";
    static final String PREDICTION_NOT_FOUND = "PredictionNotFound";
    static final String PROVIDER_CANCELED = "ProviderCanceled";

    /** Where the provider's word came from; only polls count in {@code polls}. */
    enum Source {
        POLL,
        CREATE,
        WEBHOOK;

        boolean polled() {
            return this == POLL;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PollResultHandler.class);
    private static final Duration MAX_ERROR_BACKOFF = Duration.ofMinutes(1);

    private final PollQueue pollQueue;
    private final EventPublisher publisher;
    private final ImageProvider provider;
    private final GenerationSettings settings;
    private final Clock clock;
    private final Cancellations cancellations;
    private final MeterRegistry meters;

    PollResultHandler(
            PollQueue pollQueue,
            EventPublisher publisher,
            ImageProvider provider,
            GenerationSettings settings,
            Clock clock,
            Cancellations cancellations,
            MeterRegistry meters) {
        this.pollQueue = pollQueue;
        this.publisher = publisher;
        this.provider = provider;
        this.settings = settings;
        this.clock = clock;
        this.cancellations = cancellations;
        this.meters = meters;
    }

    /** {@code pipeline.stage.duration{stage=generate}}: from the prediction's creation to the provider's verdict. */
    private void recordStageDuration(PredictionRow row, String outcome) {
        Timer.builder("pipeline.stage.duration")
                .description("time a generation spends in a stage")
                .tags("stage", "generate", "outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(15))
                .register(meters)
                .record(Duration.between(row.createdAt(), clock.instant()));
    }

    void handle(PredictionRow row, boolean overdue, @Nullable Prediction prediction, @Nullable Throwable error) {
        handle(row, overdue, prediction, error, Source.POLL);
    }

    void handle(
            PredictionRow row,
            boolean overdue,
            @Nullable Prediction prediction,
            @Nullable Throwable error,
            Source source) {
        try {
            if (cancellations.stopIfCancelled(row.generationId())) {
                // cancelled by its owner: a late result is never published (the prediction is cancelled instead)
                return;
            }
            if (row.state() == PredictionState.CREATED) {
                // the listener recorded the prediction but did not get to announce it (crash or Kafka outage)
                publisher.publishNow(
                        Topics.LIFECYCLE,
                        GenerationStarted.of(row.generationId(), clock.instant(), row.provider(), row.predictionId()));
            }
            if (error != null || prediction == null) {
                pollFailed(row, overdue, error);
            } else {
                polled(row, overdue, prediction, source);
            }
        } catch (RuntimeException e) {
            log.warn("handling the poll of generation {} failed; it is polled again", row.generationId(), e);
            try {
                pollQueue.rescheduleAfterError(row.generationId(), settings.pollInterval(), e.toString());
            } catch (RuntimeException alsoFailed) {
                log.warn("cannot reschedule generation {}; its lease will run out", row.generationId(), alsoFailed);
            }
        }
    }

    private void polled(PredictionRow row, boolean overdue, Prediction prediction, Source source) {
        UUID id = row.generationId();
        switch (prediction.status()) {
            case SUCCEEDED -> {
                if (prediction.outputUrls().isEmpty()) {
                    fail(row, PROVIDER_FAILED, "the prediction succeeded without any output", source);
                    return;
                }
                ImagesGenerated generated = ImagesGenerated.of(
                        id,
                        clock.instant(),
                        row.owner(),
                        prediction.id(),
                        prediction.outputUrls(),
                        row.width(),
                        row.height());
                // a failure here re-polls and hands it off again, under the same event id
                publisher.handOff(Topics.DOWNLOAD, generated);
                pollQueue.finish(id, PredictionState.DONE, null, source.polled());
                recordStageDuration(row, "succeeded");
            }
            case FAILED -> {
                fail(
                        row,
                        PROVIDER_FAILED,
                        prediction.error() != null && !prediction.error().isBlank()
                                ? prediction.error()
                                : "the provider reported the prediction failed",
                        source);
                recordStageDuration(row, "failed");
            }
            // not the owner's cancel (that one stopped above): the deadline (Cancel-After) ran out, or someone
            // cancelled
            // it at the provider. Either way the generation would wait forever: it fails, saying why
            case CANCELED ->
                fail(
                        row,
                        PROVIDER_CANCELED,
                        "the provider cancelled the prediction: it outlasted its deadline ("
                                + settings.replicate().cancelAfter() + ") or was cancelled there",
                        source);
            case STARTING, PROCESSING -> {
                if (overdue) {
                    timeOut(row);
                    return;
                }
                int progress = prediction.progressPercent();
                if (progress > row.lastProgress()) {
                    publisher.publishNow(Topics.LIFECYCLE, GenerationProgressed.of(id, clock.instant(), progress));
                }
                int polls = row.polls() + (source.polled() ? 1 : 0);
                pollQueue.reschedule(id, progress, settings.nextPollDelay(polls), source.polled());
            }
        }
    }

    private void pollFailed(PredictionRow row, boolean overdue, @Nullable Throwable error) {
        if (error instanceof ProviderRejectedException rejected && rejected.status() == 404) {
            fail(row, PREDICTION_NOT_FOUND, rejected.getMessage());
            return;
        }
        if (overdue) {
            timeOut(row);
            return;
        }
        Duration delay = errorBackoff(settings.pollInterval(), row.pollErrors());
        if (error instanceof TransientException transientError
                && transientError.retryAfter().isPresent()) {
            delay = max(delay, transientError.retryAfter().get());
        }
        log.debug("poll of generation {} failed, next in {}: {}", row.generationId(), delay, String.valueOf(error));
        pollQueue.rescheduleAfterError(row.generationId(), delay, String.valueOf(error));
    }

    /** The poll interval, doubled per consecutive poll error, at most a minute. */
    static Duration errorBackoff(Duration pollInterval, int pollErrors) {
        Duration delay = pollInterval.multipliedBy(1L << Math.min(pollErrors + 1, 6));
        return delay.compareTo(MAX_ERROR_BACKOFF) > 0 ? max(MAX_ERROR_BACKOFF, pollInterval) : delay;
    }

    private void timeOut(PredictionRow row) {
        try {
            provider.cancel(row.predictionId());
        } catch (RuntimeException e) {
            log.warn("cannot cancel timed-out prediction {} of {}", row.predictionId(), row.generationId(), e);
        }
        fail(
                row,
                PROVIDER_TIMEOUT,
                "no result from " + row.provider() + " within " + settings.maxPollDuration() + "; cancelled",
                Source.POLL);
    }

    /** Clients learn the code and our sentence; the provider's own words stay in the prediction row and the log. */
    private void fail(PredictionRow row, String errorClass, String message) {
        fail(row, errorClass, message, Source.POLL);
    }

    private void fail(PredictionRow row, String errorClass, String message, Source source) {
        log.info("generation {} failed at the provider: {}: {}", row.generationId(), errorClass, message);
        publisher.publishNow(
                Topics.LIFECYCLE,
                GenerationFailed.of(
                        row.generationId(),
                        clock.instant(),
                        Stage.GENERATE,
                        errorClass,
                        ClientFailures.failureMessage(Stage.GENERATE, errorClass)));
        pollQueue.finish(row.generationId(), PredictionState.FAILED, errorClass + ": " + message, source.polled());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
