package io.picturepipeline.generation;

import io.picturepipeline.retry.InProcessRetry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the generate stage can be tuned with, under {@code pipeline.generation}.
 *
 * @param replicate where and how to call Replicate's predictions API
 * @param webhookBaseUrl public base URL of this service; when set, every prediction is created with the webhook
 *     {@code <webhookBaseUrl>/webhooks/replicate}, which only makes the prediction due for its next poll at once
 * @param pollInterval delay between two polls of one running prediction (and before the first one)
 * @param pollTick how often the poller looks for due predictions
 * @param pollBatch most predictions claimed by one tick
 * @param lease how long a claimed prediction is reserved for the instance that claimed it; a crashed instance's
 *     predictions are picked up by another one after this. Must outlast a poll with all its retries (checked), or
 *     a slow poll would be claimed a second time
 * @param maxConcurrentPolls most provider polls in flight at once per instance (a semaphore, not threads)
 * @param pollWorkers threads that handle poll results (publish events, update rows)
 * @param maxPollDuration how long a prediction may run before it is cancelled and failed with {@code ProviderTimeout}
 * @param maxInFlight most predictions not yet finished (all instances); when reached, the listener pauses its
 *     consumer (back-pressure) until a slot frees
 * @param backpressurePause how long the listener pauses its consumer when {@code maxInFlight} is reached
 * @param retry the short in-process retries of provider calls (the shared {@link InProcessRetry} of {@code retry-dlq});
 *     a transient failure that outlasts them goes to the Kafka backoff tiers ({@code pipeline.retry.*})
 */
@Validated
@ConfigurationProperties("pipeline.generation")
public record GenerationSettings(
        @DefaultValue @Valid @NotNull Replicate replicate,
        @Nullable URI webhookBaseUrl,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("250ms") Duration pollTick,
        @DefaultValue("100") @Min(1) @Max(1000) int pollBatch,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("64") @Min(1) @Max(10_000) int maxConcurrentPolls,
        @DefaultValue("4") @Min(1) @Max(64) int pollWorkers,
        @DefaultValue("15m") Duration maxPollDuration,
        @DefaultValue("5000") @Min(1) int maxInFlight,
        @DefaultValue("1s") Duration backpressurePause,
        @DefaultValue @Valid @NotNull InProcessRetry retry) {

    public GenerationSettings {
        requirePositive(pollInterval, "poll-interval");
        requirePositive(pollTick, "poll-tick");
        requirePositive(lease, "lease");
        requirePositive(maxPollDuration, "max-poll-duration");
        requirePositive(backpressurePause, "backpressure-pause");
        if (replicate != null && retry != null) {
            Duration longestPoll = replicate
                    .pollTimeout()
                    .multipliedBy(retry.maxAttempts())
                    .plus(max(retry.maxBackoff(), retry.maxRetryAfter()).multipliedBy(retry.maxAttempts() - 1L));
            if (lease.compareTo(longestPoll) <= 0) {
                throw new IllegalArgumentException("pipeline.generation.lease (" + lease
                        + ") must be longer than a poll with all its retries (" + longestPoll + ")");
            }
        }
    }

    /**
     * @param baseUrl e.g. {@code https://api.replicate.com}; the API lives under {@code /v1}
     * @param apiToken sent as {@code Authorization: Bearer}; from {@code REPLICATE_API_TOKEN}
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout time for one whole create request
     * @param pollTimeout time for one whole poll or cancel request
     * @param httpThreads threads of the HTTP client (async polls complete on them; they never block)
     */
    public record Replicate(
            @DefaultValue("https://api.replicate.com") @NotNull
            URI baseUrl,

            @DefaultValue("") String apiToken,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("10s") Duration pollTimeout,
            @DefaultValue("2") @Min(1) @Max(32) int httpThreads) {

        public Replicate {
            requirePositive(connectTimeout, "replicate.connect-timeout");
            requirePositive(requestTimeout, "replicate.request-timeout");
            requirePositive(pollTimeout, "replicate.poll-timeout");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("pipeline.generation." + name + " must be positive but was " + value);
        }
    }
}
