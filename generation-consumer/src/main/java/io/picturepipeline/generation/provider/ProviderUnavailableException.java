package io.picturepipeline.generation.provider;

import io.picturepipeline.retry.TransientException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A provider call failed in a way that may pass: timeout, connection error, 5xx, 429 (with its Retry-After). */
public class ProviderUnavailableException extends TransientException {

    /** What went wrong, as the {@code kind} tag of {@code pipeline.provider.errors}. */
    public enum Kind {
        TIMEOUT,
        CONNECTION,
        RATE_LIMITED,
        SERVER_ERROR;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int status;

    public ProviderUnavailableException(
            Kind kind, int status, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, retryAfter, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The {@code reason} of {@code pipeline.retries}: the same words as the {@code kind} of the provider's errors. */
    @Override
    public String retryReason() {
        return kind.tag();
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
