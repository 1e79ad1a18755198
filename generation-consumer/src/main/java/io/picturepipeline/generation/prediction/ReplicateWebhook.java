package io.picturepipeline.generation.prediction;

import io.picturepipeline.generation.GenerationSettings;
import io.picturepipeline.generation.provider.Prediction;
import io.picturepipeline.generation.provider.replicate.ReplicateClient;
import io.picturepipeline.retry.TransientException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/replicate?generation=<id>} (the query names the generation for reconciliation only): Replicate
 * calls it when a prediction starts, while it runs (its logs and output, at most every 500 ms) and when it completes
 * (with {@code pipeline.generation.webhook-base-url} set). With {@code webhook-secret} set, every delivery must carry a
 * valid Standard Webhooks signature (401 problem otherwise, naming the header), a stale timestamp is refused and a
 * repeated {@code webhook-id} ignored; an authentic delivery is the provider's word, acted on at once without a poll
 * (progress or the result). Without a secret (the {@code local} profile only) a delivery is not trusted: it only makes
 * the named prediction due for a poll.
 */
@RestController
public class ReplicateWebhook {

    public static final String PATH = "/webhooks/replicate";

    private static final Logger log = LoggerFactory.getLogger(ReplicateWebhook.class);

    private final Predictions predictions;
    private final PredictionResults results;
    private final WebhookSignature signature;
    private final SeenWebhooks seen = new SeenWebhooks(10_000);
    private final Clock clock;

    ReplicateWebhook(
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

    @PostMapping(PATH)
    ResponseEntity<?> predictionChanged(
            @RequestHeader(name = "webhook-id", required = false) String id,
            @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
            @RequestHeader(name = "webhook-signature", required = false) String signatures,
            @RequestBody byte[] body) {
        if (signature == null) {
            return unverified(body);
        }
        WebhookSignature.Refusal refusal = signature.check(id, timestamp, signatures, body, clock.instant());
        if (refusal != null) {
            log.warn("refused a webhook: {} {}", refusal.header(), refusal.reason());
            return problem(HttpStatus.UNAUTHORIZED, refusal.header(), refusal.header() + " " + refusal.reason());
        }
        if (!seen.firstTime(id)) {
            return ResponseEntity.noContent().build();
        }
        Prediction prediction;
        try {
            prediction = ReplicateClient.parsePrediction(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            return problem(HttpStatus.BAD_REQUEST, "body", "not a prediction with an id and a status");
        }
        try {
            results.settleReported(ReplicateClient.NAME, prediction);
        } catch (TransientException | org.springframework.dao.DataAccessException e) {
            // Replicate retries a failed delivery of a final state: let the retry be handled
            seen.forget(id);
            throw e;
        }
        // unknown or finished predictions are acknowledged too: there is nothing to redo
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<?> unverified(byte[] body) {
        String id;
        try {
            id = ReplicateClient.predictionIdOf(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException unreadable) {
            id = null;
        }
        if (id == null || id.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "id", "the body names no prediction id");
        }
        predictions.markDue(ReplicateClient.NAME, id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("field", field);
        return ResponseEntity.status(status).body(problem);
    }
}
