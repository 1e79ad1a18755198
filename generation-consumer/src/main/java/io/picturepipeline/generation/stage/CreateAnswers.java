package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.admission.AdmissionQueue;
import io.picturepipeline.generation.prediction.PredictionResults;
import io.picturepipeline.generation.prediction.Predictions;
import io.picturepipeline.generation.provider.ImageProvider;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.ProviderUnavailableException;
import io.picturepipeline.retry.EventPublisher;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What {@link StartGeneration} does with a create call's answer: the prediction becomes the generation's (recorded
 * under the create token, announced with {@code GenerationStarted}, settled at once when sync mode brought the
 * result), or the intent is dropped when the call failed in a way that proves no prediction was made.
 */
@Component
class CreateAnswers {

    private static final Logger log = LoggerFactory.getLogger(CreateAnswers.class);

    private final Predictions predictions;
    private final ImageProvider provider;
    private final EventPublisher publisher;
    private final GenerationSettings settings;
    private final Clock clock;
    private final PredictionResults results;
    private final AdmissionQueue admission;
    private final ModelPace pace;

    CreateAnswers(
            Predictions predictions,
            ImageProvider provider,
            EventPublisher publisher,
            GenerationSettings settings,
            Clock clock,
            PredictionResults results,
            AdmissionQueue admission,
            ModelPace pace) {
        this.predictions = predictions;
        this.provider = provider;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.results = results;
        this.admission = admission;
        this.pace = pace;
    }

    /** The create call failed: the intent is dropped unless the provider may have accepted it. */
    RuntimeException createFailed(StartGeneration.Pending pending, RuntimeException failed) {
        if (!outcomeUnknown(failed)) {
            predictions.forgetCreate(pending.id(), pending.token());
        }
        // else the intent stays: the provider may have accepted the call, and the retry looks for it first
        return failed;
    }

    /** The create call's answer: what it says of the model's pace, then the prediction is this generation's. */
    StartGeneration.Outcome created(StartGeneration.Pending pending, Prediction prediction) {
        if (prediction.status().terminal()) {
            // ended before the provider answered: within the wait, however long this answer took to be handled
            pace.ended(pending.model(), Duration.ZERO);
        } else if (pending.request().syncMode()) {
            pace.outlasted(pending.model());
        }
        return adopt(pending.id(), pending.token(), prediction)
                ? StartGeneration.Outcome.STARTED
                : StartGeneration.Outcome.RESUMED;
    }

    /**
     * Records the prediction as this generation's, announces it, and acts on what the create answer already says
     * (sync mode); false when another create attempt took the generation over meanwhile (this one is cancelled).
     */
    boolean adopt(UUID id, UUID token, Prediction prediction) {
        boolean ended = prediction.status().terminal();
        // an ended prediction is settled right below; its first poll is only for a crash before that
        Optional<Predictions.Recorded> recorded = predictions.recordPrediction(
                id, token, prediction.id(), ended ? settings.lease() : settings.nextPollDelay(0), settings.lease());
        if (recorded.isEmpty()) {
            log.warn(
                    "generation {} was taken over while prediction {} was being created; cancelling that one",
                    id,
                    prediction.id());
            cancelQuietly(prediction.id());
            return false;
        }
        if (recorded.get().dispatched()) {
            admission.dispatchedWithPrediction(id);
        }
        // GenerationStarted before running: no progress or result can overtake it on the lifecycle
        publishStarted(id, provider.name(), prediction.id());
        if (ended || prediction.progressPercent() > 0) {
            // sync mode: the answer may already be the result, or show progress made during the wait; the handler's
            // update moves the row on from created (finished, or running with its progress) and ends the lease
            results.reportCreated(recorded.get().row(), prediction);
        } else {
            // a webhook that came meanwhile found the row leased and made it due: the poller takes it from here
            predictions.markRunningAndRelease(id);
        }
        return true;
    }

    /** A create that timed out without any answer may have been accepted. */
    private static boolean outcomeUnknown(RuntimeException failed) {
        return failed instanceof ProviderUnavailableException unavailable
                && unavailable.kind() == ProviderUnavailableException.Kind.TIMEOUT
                && unavailable.status() == 0;
    }

    /** {@code GenerationStarted} before {@code running}: no progress or result can overtake it on the lifecycle. */
    void announce(UUID id, String providerName, String predictionId) {
        publishStarted(id, providerName, predictionId);
        predictions.markRunning(id);
    }

    private void publishStarted(UUID id, String providerName, String predictionId) {
        publisher.publishNow(Topics.LIFECYCLE, GenerationStarted.of(id, clock.instant(), providerName, predictionId));
    }

    private void cancelQuietly(String predictionId) {
        try {
            provider.cancel(predictionId);
        } catch (RuntimeException e) {
            log.warn("cannot cancel superseded prediction {}", predictionId, e);
        }
    }
}
