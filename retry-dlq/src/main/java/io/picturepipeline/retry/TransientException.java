package io.picturepipeline.retry;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A failure that may pass: a timeout, a 5xx, a 429. {@code retryAfter} is the delay the other side asked for; the
 * in-process retries and the backoff tiers wait at least that long.
 */
public class TransientException extends RuntimeException {

    private final @Nullable Duration retryAfter;

    public TransientException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The {@code reason} tag of {@code pipeline.retries} ({@code timeout}, {@code connection}, {@code rate_limited},
     * {@code server_error}, {@code other}) when the thrower knows it; {@code null} lets the policy guess from the
     * exception.
     */
    public @Nullable String retryReason() {
        return null;
    }
}
