package io.picturepipeline.retry;

import io.picturepipeline.schemas.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka side of the failure policy, under {@code pipeline.retry}.
 *
 * @param tierDelays the delay of each backoff tier {@code <topic>-retry-<n>}, shortest first (at most
 *     {@link Topics#RETRY_TIERS}); a retry goes to the first tier whose delay covers both the backoff of its attempt
 *     (tier {@code attempt - 1}) and the failure's {@code Retry-After}
 * @param maxAttempts deliveries of a record through Kafka, the first one included, before a transient failure is
 *     dead-lettered; each in-process retry inside one delivery does not count
 * @param tierConcurrency consumer threads per retry tier
 * @param inPlaceAttempts attempts of a record of a topic without tiers (the projection's lifecycle topic), retried in
 *     place, before it is dead-lettered
 * @param inPlaceBackoff the first in-place delay, doubled per attempt
 */
@Validated
@ConfigurationProperties("pipeline.retry")
public record RetrySettings(
        @DefaultValue({"10s", "1m", "5m"}) List<Duration> tierDelays,
        @DefaultValue("4") @Min(1) @Max(50) int maxAttempts,
        @DefaultValue("1") @Min(1) @Max(64) int tierConcurrency,
        @DefaultValue("3") @Min(1) @Max(10) int inPlaceAttempts,
        @DefaultValue("200ms") Duration inPlaceBackoff) {

    public RetrySettings {
        tierDelays = List.copyOf(tierDelays);
        if (tierDelays.isEmpty() || tierDelays.size() > Topics.RETRY_TIERS) {
            throw new IllegalArgumentException("pipeline.retry.tier-delays needs 1 to " + Topics.RETRY_TIERS
                    + " delays but has " + tierDelays.size());
        }
        Duration previous = Duration.ZERO;
        for (Duration delay : tierDelays) {
            if (delay.isNegative() || delay.isZero() || delay.compareTo(previous) < 0) {
                throw new IllegalArgumentException(
                        "pipeline.retry.tier-delays must be positive and ascending but are " + tierDelays);
            }
            previous = delay;
        }
        if (inPlaceBackoff == null || inPlaceBackoff.isNegative()) {
            throw new IllegalArgumentException("pipeline.retry.in-place-backoff must not be negative");
        }
    }

    /** The production defaults: tiers of 10 s, 1 min and 5 min, 4 deliveries in all. */
    public static RetrySettings defaults() {
        return new RetrySettings(
                List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)),
                4,
                1,
                3,
                Duration.ofMillis(200));
    }
}
