package io.picturepipeline.ingest.web;

import io.picturepipeline.ingest.refusal.FieldViolation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal the API answers with its own status: 409, 422, 429, 503. Carries the offending fields ({@code errors}),
 * extra problem properties and, for 429/503, how long to wait ({@code Retry-After}, whole seconds, at least 1).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;
    private final @Nullable Duration retryAfter;

    public ProblemException(
            HttpStatus status,
            String detail,
            List<FieldViolation> violations,
            Map<String, Object> properties,
            @Nullable Duration retryAfter) {
        super(detail);
        this.status = status;
        this.violations = List.copyOf(violations);
        this.properties = new LinkedHashMap<>(properties);
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** Seconds for the {@code Retry-After} header, rounded up; null when there is none. */
    public @Nullable Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
