package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.ModelPace;
import io.picturepipeline.generation.provider.Prediction;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The provider's word on a prediction that did not come from a poll: the create call's answer in sync mode, or a
 * verified completion webhook. Either settles the prediction at once, the way a poll would have.
 */
@Component
public class PredictionResults {

    private final PollQueue pollQueue;
    private final PollResultHandler handler;
    private final GenerationSettings settings;
    private final ModelPace pace;
    private final Clock clock;

    PredictionResults(
            PollQueue pollQueue, PollResultHandler handler, GenerationSettings settings, ModelPace pace, Clock clock) {
        this.pace = pace;
        this.clock = clock;
        this.pollQueue = pollQueue;
        this.handler = handler;
        this.settings = settings;
    }

    /**
     * The create call's answer in sync mode, for the row {@link Predictions#recordPrediction} returned, once its
     * {@code GenerationStarted} is published: the result when the prediction already ended (published without a poll),
     * else its progress so far. Whatever it does ends the row's lease and leaves it {@code running} or finished, in the
     * one update that records it (from {@code created}: nothing read or written in between). A generation cancelled
     * meanwhile publishes nothing ({@link PollResultHandler} checks first).
     */
    public void reportCreated(PredictionRow recorded, Prediction prediction) {
        PredictionRow announced = new PredictionRow(
                recorded.generationId(),
                recorded.owner(),
                recorded.provider(),
                recorded.model(),
                recorded.predictionId(),
                PredictionState.RUNNING,
                recorded.createToken(),
                recorded.width(),
                recorded.height(),
                recorded.numOutputs(),
                recorded.lastProgress(),
                recorded.polls(),
                recorded.pollErrors(),
                recorded.createdAt(),
                recorded.startedAt());
        handler.handle(announced, false, prediction, null, PollResultHandler.Source.CREATE);
    }

    /**
     * A verified webhook (start, output, logs or completed): settles the prediction or publishes its progress now. When
     * the listener or a poll holds the prediction at this moment, a result makes it due at once after them
     * ({@link PollQueue#markDue}); mere progress is dropped, the next webhook brings more. False when no live
     * prediction has this id or the progress was dropped.
     */
    boolean settleReported(String provider, Prediction prediction) {
        var claimed = pollQueue.claimByPrediction(provider, prediction.id(), settings.lease());
        if (claimed.isPresent()) {
            handler.handle(claimed.get(), false, prediction, null, PollResultHandler.Source.WEBHOOK);
            PredictionPoller.observe(pace, claimed.get(), prediction, clock);
            return true;
        }
        return prediction.status().terminal() && pollQueue.markDue(provider, prediction.id()) > 0;
    }
}
