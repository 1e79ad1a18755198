package io.picturepipeline.generation.prediction.web;

import io.picturepipeline.generation.prediction.WebhookDeliveries;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replicate's completion webhook over HTTP: 204 for a delivery taken (or ignored as a repeat), a problem naming the
 * field otherwise — 401 for a signature refused, 400 for a body that names no prediction. What a delivery means is
 * {@link WebhookDeliveries}'.
 */
@RestController
class ReplicateWebhook {

    private final WebhookDeliveries deliveries;

    ReplicateWebhook(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @PostMapping(WebhookDeliveries.PATH)
    ResponseEntity<?> predictionChanged(
            @RequestHeader(name = "webhook-id", required = false) @Nullable String id,
            @RequestHeader(name = "webhook-timestamp", required = false) @Nullable String timestamp,
            @RequestHeader(name = "webhook-signature", required = false) @Nullable String signatures,
            @RequestParam(name = "generation", required = false) @Nullable UUID generation,
            @RequestBody byte[] body) {
        return deliveries
                .receive(id, timestamp, signatures, generation, body)
                .<ResponseEntity<?>>map(ReplicateWebhook::problem)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private static ResponseEntity<ProblemDetail> problem(WebhookDeliveries.Refusal refusal) {
        HttpStatus status = refusal.early()
                ? HttpStatus.SERVICE_UNAVAILABLE
                : refusal.unauthentic() ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.detail());
        problem.setType(URI.create("about:blank"));
        problem.setProperty("field", refusal.field());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (refusal.early()) {
            answer.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return answer.body(problem);
    }
}
