package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.TransientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Replicate's deliveries to {@link #PATH} (with {@code pipeline.generation.webhook-base-url} set): when a prediction
 * starts, while it runs (its logs and output, at most every 500 ms) and when it completes. With {@code webhook-secret}
 * set, every delivery must carry a valid Standard Webhooks signature (refused otherwise, naming the header), a stale
 * timestamp is refused and a repeated {@code webhook-id} ignored; an authentic delivery is the provider's word, acted
 * on at once without a poll (progress or the result). Without a secret (the {@code local} profile only) a delivery is
 * not trusted: it only makes the named prediction due for a poll.
 */
@Component
public class WebhookDeliveries {

    /** {@code POST /webhooks/replicate?generation=<id>}: the query names the generation for reconciliation only. */
    public static final String PATH = "/webhooks/replicate";

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    /**
     * Why a delivery is refused: its signature headers ({@code unauthentic}), a body that names no prediction, or a
     * result that came before its create answer was recorded ({@code early}: the provider is asked to send it again).
     */
    public record Refusal(boolean unauthentic, boolean early, String field, String detail) {

        static Refusal invalid(boolean unauthentic, String field, String detail) {
            return new Refusal(unauthentic, false, field, detail);
        }
    }

    private final Predictions predictions;
    private final PollQueue pollQueue;
    private final PredictionResults results;
    private final @Nullable WebhookSignature signature;
    private final SeenWebhooks seen = new SeenWebhooks(10_000);
    private final Clock clock;

    WebhookDeliveries(
            Predictions predictions,
            PollQueue pollQueue,
            PredictionResults results,
            GenerationSettings settings,
            Clock clock,
            Environment environment) {
        if (settings.webhooksOn() && !settings.webhooksSigned() && !environment.matchesProfiles("local")) {
            throw new IllegalStateException("pipeline.generation.webhook-secret (the account's whsec_ secret) is"
                    + " required with webhook-base-url outside the local profile: unverified webhooks are only for"
                    + " local runs");
        }
        this.predictions = predictions;
        this.pollQueue = pollQueue;
        this.results = results;
        this.signature = settings.webhooksSigned() ? new WebhookSignature(settings.webhookSecret()) : null;
        this.clock = clock;
    }

    /**
     * Takes one delivery; empty when it is acknowledged (also when it is a repeat, or its prediction unknown).
     * {@code generation} is the id our webhook URL carries: a result for a prediction not known yet is refused as
     * {@code early} while that generation's create answer is still being recorded. A fast model's result can
     * overtake the create answer; acknowledging it would leave the generation to the safety-net poll, 30 s later.
     */
    public Optional<Refusal> receive(
            @Nullable String id,
            @Nullable String timestamp,
            @Nullable String signatures,
            @Nullable UUID generation,
            byte[] body) {
        if (signature == null) {
            return unverified(body, generation);
        }
        WebhookSignature.Refusal refusal = signature.check(id, timestamp, signatures, body, clock.instant());
        if (refusal != null) {
            log.warn("refused a webhook: {} {}", refusal.header(), refusal.reason());
            return Optional.of(Refusal.invalid(true, refusal.header(), refusal.header() + " " + refusal.reason()));
        }
        if (!seen.firstTime(id)) {
            return Optional.empty();
        }
        Prediction prediction;
        try {
            prediction = ReplicateClient.parsePrediction(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            return Optional.of(Refusal.invalid(false, "body", "not a prediction with an id and a status"));
        }
        try {
            if (!results.settleReported(ReplicateClient.NAME, prediction)
                    && prediction.status().terminal()
                    && stillCreating(generation)) {
                seen.forget(id);
                return Optional.of(early(prediction.id()));
            }
        } catch (TransientException | org.springframework.dao.DataAccessException e) {
            // Replicate retries a failed delivery of a final state: let the retry be handled
            seen.forget(id);
            throw e;
        }
        // unknown or finished predictions are acknowledged too: there is nothing to redo
        return Optional.empty();
    }

    private boolean stillCreating(@Nullable UUID generation) {
        return generation != null
                && predictions
                        .find(generation)
                        .filter(row -> row.state() == PredictionState.CREATING)
                        .isPresent();
    }

    private static Refusal early(String predictionId) {
        return new Refusal(
                false,
                true,
                "id",
                "prediction " + predictionId + " is being recorded from its create answer: send this again shortly");
    }

    private Optional<Refusal> unverified(byte[] body, @Nullable UUID generation) {
        String id;
        try {
            id = ReplicateClient.predictionIdOf(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            id = null;
        }
        if (id == null || id.isBlank()) {
            return Optional.of(Refusal.invalid(false, "id", "the body names no prediction id"));
        }
        if (pollQueue.markDue(ReplicateClient.NAME, id) == 0 && stillCreating(generation)) {
            return Optional.of(early(id));
        }
        return Optional.empty();
    }
}
