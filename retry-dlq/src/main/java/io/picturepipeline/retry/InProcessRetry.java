package io.picturepipeline.retry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The short in-process retries of one call (resilience4j), before a failure reaches the Kafka retry tiers: jittered
 * exponential backoff for {@link TransientException}s, at least the {@code Retry-After} asked for. Bound under each
 * stage's own prefix ({@code pipeline.generation.retry}, {@code pipeline.download.retry}).
 *
 * @param maxAttempts attempts per call, the first one included
 * @param initialBackoff delay before the first retry (randomised by ±50%)
 * @param multiplier growth of the delay per attempt
 * @param maxBackoff cap of the computed delay
 * @param maxRetryAfter longest {@code Retry-After} waited for in process; a longer one fails the call at once, so
 *     the caller hands it to the backoff tiers (which honour it) instead of holding a thread
 */
public record InProcessRetry(
        @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("4s") Duration maxBackoff,
        @DefaultValue("10s") Duration maxRetryAfter) {

    public InProcessRetry {
        requirePositive(initialBackoff, "initial-backoff");
        requirePositive(maxBackoff, "max-backoff");
        requirePositive(maxRetryAfter, "max-retry-after");
        if (multiplier < 1) {
            throw new IllegalArgumentException("retry.multiplier must be at least 1 but was " + multiplier);
        }
    }

    /** The defaults: 3 attempts, 250 ms doubling up to 4 s, a Retry-After of up to 10 s waited for. */
    public static InProcessRetry defaults() {
        return new InProcessRetry(3, Duration.ofMillis(250), 2.0, Duration.ofSeconds(4), Duration.ofSeconds(10));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("retry." + name + " must be positive but was " + value);
        }
    }
}
