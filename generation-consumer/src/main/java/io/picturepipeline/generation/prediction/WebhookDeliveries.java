package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.TransientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
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

    /** Why a delivery is refused: its signature headers ({@code unauthentic}), or a body that names no prediction. */
    public record Refusal(boolean unauthentic, String field, String detail) {}

    private final Predictions predictions;
    private final PredictionResults results;
    private final @Nullable WebhookSignature signature;
    private final SeenWebhooks seen = new SeenWebhooks(10_000);
    private final Clock clock;

    WebhookDeliveries(
            Predictions predictions,
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
        this.results = results;
        this.signature = settings.webhooksSigned() ? new WebhookSignature(settings.webhookSecret()) : null;
        this.clock = clock;
    }

    /** Takes one delivery; empty when it is acknowledged (also when it is a repeat, or its prediction unknown). */
    public Optional<Refusal> receive(
            @Nullable String id, @Nullable String timestamp, @Nullable String signatures, byte[] body) {
        if (signature == null) {
            return unverified(body);
        }
        WebhookSignature.Refusal refusal = signature.check(id, timestamp, signatures, body, clock.instant());
        if (refusal != null) {
            log.warn("refused a webhook: {} {}", refusal.header(), refusal.reason());
            return Optional.of(new Refusal(true, refusal.header(), refusal.header() + " " + refusal.reason()));
        }
        if (!seen.firstTime(id)) {
            return Optional.empty();
        }
        Prediction prediction;
        try {
            prediction = ReplicateClient.parsePrediction(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            return Optional.of(new Refusal(false, "body", "not a prediction with an id and a status"));
        }
        try {
            results.settleReported(ReplicateClient.NAME, prediction);
        } catch (TransientException | org.springframework.dao.DataAccessException e) {
            // Replicate retries a failed delivery of a final state: let the retry be handled
            seen.forget(id);
            throw e;
        }
        // unknown or finished predictions are acknowledged too: there is nothing to redo
        return Optional.empty();
    }

    private Optional<Refusal> unverified(byte[] body) {
        String id;
        try {
            id = ReplicateClient.predictionIdOf(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            id = null;
        }
        if (id == null || id.isBlank()) {
            return Optional.of(new Refusal(false, "id", "the body names no prediction id"));
        }
        predictions.markDue(ReplicateClient.NAME, id);
        return Optional.empty();
    }
}
