package io.picturepipeline.retry;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A failure that may pass: a timeout, a 5xx, a 429. {@code retryAfter} is the delay the other side asked for. */
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
}
