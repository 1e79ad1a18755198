package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/replicate}: Replicate calls it when a prediction completes (when
 * {@code pipeline.generation.webhook-base-url} is set). The body is never trusted as the result — it is not even
 * verified: it only makes the named prediction due now, and the poll that follows asks Replicate what really
 * happened. A forged call can therefore only cause an early poll.
 */
@RestController
public class ReplicateWebhook {

    public static final String PATH = "/webhooks/replicate";

    private final Predictions predictions;

    ReplicateWebhook(Predictions predictions) {
        this.predictions = predictions;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> predictionChanged(@RequestBody Map<String, Object> prediction) {
        if (!(prediction.get("id") instanceof String id) || id.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        predictions.markDue(ReplicateClient.NAME, id);
        // unknown or finished predictions are acknowledged too: there is nothing to redo
        return ResponseEntity.noContent().build();
    }
}
