package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.derive.ParentNotCompleted;
import io.picturepipeline.ingest.generation.GenerationAlreadyEnded;
import io.picturepipeline.ingest.generation.IdempotencyKeyReused;
import io.picturepipeline.ingest.limit.RateLimitExceeded;
import io.picturepipeline.ingest.refusal.FieldViolation;
import io.picturepipeline.ingest.stream.StreamLimitReached;
import io.picturepipeline.ingest.webhook.EndpointLimitReached;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What each refusal of the domain is on the wire: its status, its problem properties and its {@code Retry-After}. The
 * one table of them, used by {@link ApiExceptionHandler}; the domain throws what happened and knows no status.
 */
final class DomainRefusals {

    private DomainRefusals() {}

    static ProblemException problem(RuntimeException refusal) {
        if (refusal instanceof GenerationAlreadyEnded ended) {
            return conflict(ended, Map.of("generationStatus", ended.status().wireName()));
        }
        if (refusal instanceof ParentNotCompleted parent) {
            return conflict(parent, Map.of("generationStatus", parent.status()));
        }
        if (refusal instanceof EndpointLimitReached endpoints) {
            return conflict(endpoints, Map.of("maxEndpoints", endpoints.maxEndpoints()));
        }
        if (refusal instanceof IdempotencyKeyReused reused) {
            FieldViolation key = new FieldViolation(
                    "Idempotency-Key",
                    "was used for another request within the last "
                            + reused.keyTtl().toHours() + " h; use a new key for a new request");
            return new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT, reused.getMessage(), List.of(key), Map.of(), null);
        }
        if (refusal instanceof RateLimitExceeded limit) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (limit.fits() != null) {
                properties.put("fits", limit.fits());
            }
            properties.put("limits", limit.usage());
            return new ProblemException(
                    HttpStatus.TOO_MANY_REQUESTS, limit.getMessage(), List.of(), properties, limit.retryAfter());
        }
        if (refusal instanceof StreamLimitReached streams) {
            HttpStatus status = streams.perUser() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
            return new ProblemException(status, streams.getMessage(), List.of(), Map.of(), streams.retryAfter());
        }
        throw new IllegalArgumentException(
                "No problem is mapped for " + refusal.getClass().getName());
    }

    private static ProblemException conflict(RuntimeException refusal, Map<String, Object> properties) {
        return new ProblemException(HttpStatus.CONFLICT, refusal.getMessage(), List.of(), properties, null);
    }
}
