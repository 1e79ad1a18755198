package io.picturepipeline.ingest.limit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A submission (or a batch of {@code count}) would go over the owner's hourly or daily limit. {@code fits} is how many
 * of a batch would fit now (null for a single submission); {@code retryAfter} how long until it would be accepted.
 */
public class RateLimitExceeded extends RuntimeException {

    private final RateLimits.Usage usage;
    private final @Nullable Integer fits;
    private final Duration retryAfter;

    RateLimitExceeded(String detail, RateLimits.Usage usage, @Nullable Integer fits, Duration retryAfter) {
        super(detail);
        this.usage = usage;
        this.fits = fits;
        this.retryAfter = retryAfter;
    }

    public RateLimits.Usage usage() {
        return usage;
    }

    public @Nullable Integer fits() {
        return fits;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
