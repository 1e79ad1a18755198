package io.picturepipeline.provider.local;

import java.time.Duration;
import java.util.Objects;

/**
 * Replicate's per-account rate limits, which the local provider keeps per API token: {@code creates} prediction
 * creates and {@code calls} other {@code /v1} calls per {@code period}. Like Replicate, short bursts up to a whole
 * period's worth are allowed: each is a token bucket holding that many, refilled evenly over the period. Beyond it the
 * answer is Replicate's 429 with a {@code Retry-After}.
 */
public record RateLimits(long creates, long calls, Duration period) {

    /** Replicate's published limits: 600 creates and 3,000 other calls a minute. */
    public static final RateLimits REPLICATE = new RateLimits(600, 3000, Duration.ofMinutes(1));

    public RateLimits {
        Objects.requireNonNull(period, "period");
        if (creates < 1 || calls < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "invalid rate limits: creates=" + creates + ", calls=" + calls + ", period=" + period);
        }
    }
}
