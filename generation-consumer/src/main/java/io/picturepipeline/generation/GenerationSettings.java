package io.picturepipeline.generation;

import io.picturepipeline.retry.InProcessRetry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param webhookBaseUrl public base URL of this service; when set, every prediction is created with the completion
 *     webhook {@code <webhookBaseUrl>/webhooks/replicate?generation=<id>}
 * @param webhookSecret the account's {@code whsec_…} signing secret: a webhook whose Standard Webhooks signature checks
 *     out is taken as the result; without a secret (allowed in the {@code local} profile only) a webhook only makes
 *     its prediction due for a poll
 * @param firstPoll delay before the first poll of a prediction the create call did not see finish (no webhook)
 * @param pollInterval longest delay between two polls: the delay starts at {@code firstPoll} and grows by
 *     {@code pollBackoff} per poll up to this
 * @param pollBackoff factor by which the delay between two polls grows
 * @param webhookPollInterval delay between two polls when the completion webhook is on: a safety net only
 * @param syncModeMaxAge sync mode only while the stage keeps up: a record that waited longer than this in Kafka (the
 *     listeners are busy) is created without a wait, so a listener thread never sits in a sync wait while records
 *     queue behind it and predictions in flight stay unbounded by listener threads
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
 * @param budget the provider account's request budget, shared by every instance
 * @param admission the admission queue in front of the provider: priorities, fair shares, scheduled generations
 * @param retry the short in-process retries of provider calls (the shared {@link InProcessRetry} of {@code retry-dlq});
 *     a transient failure that outlasts them goes to the Kafka backoff tiers ({@code pipeline.retry.*})
 */
@Validated
@ConfigurationProperties("pipeline.generation")
public record GenerationSettings(
        @DefaultValue @Valid @NotNull Replicate replicate,
        @Nullable URI webhookBaseUrl,
        @Nullable String webhookSecret,
        @DefaultValue("1s") Duration firstPoll,
        @DefaultValue("8s") Duration pollInterval,

        @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0")
        double pollBackoff,

        @DefaultValue("30s") Duration webhookPollInterval,
        @DefaultValue("1s") Duration syncModeMaxAge,
        @DefaultValue("250ms") Duration pollTick,
        @DefaultValue("100") @Min(1) @Max(1000) int pollBatch,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("64") @Min(1) @Max(10_000) int maxConcurrentPolls,
        @DefaultValue("4") @Min(1) @Max(64) int pollWorkers,
        @DefaultValue("15m") Duration maxPollDuration,
        @DefaultValue("5000") @Min(1) int maxInFlight,
        @DefaultValue("1s") Duration backpressurePause,
        @DefaultValue @Valid @NotNull InProcessRetry retry,
        @DefaultValue @Valid @NotNull Budget budget,
        @DefaultValue @Valid @NotNull Dispatch admission) {

    public GenerationSettings {
        requirePositive(firstPoll, "first-poll");
        requirePositive(pollInterval, "poll-interval");
        requirePositive(webhookPollInterval, "webhook-poll-interval");
        requirePositive(syncModeMaxAge, "sync-mode-max-age");
        if (webhookSecret != null && !webhookSecret.isBlank()) {
            requireWebhookSecret(webhookSecret);
        }
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
     * @param requestTimeout time for one whole create request, sync wait included (must be longer than it)
     * @param syncWait how long a create call asks Replicate to hold its answer until the prediction ends
     *     ({@code Prefer: wait=<seconds>}, 1..60 s); {@code 0s} asks for no wait
     * @param cancelAfter the deadline every prediction is created with ({@code Cancel-After}): Replicate cancels it
     *     when it has not ended by then, so no orphaned prediction runs unbounded; {@code 0s} sends none
     * @param pollTimeout time for one whole poll or cancel request
     * @param httpThreads threads of the HTTP client (async polls complete on them; they never block)
     */
    public record Replicate(
            @DefaultValue("https://api.replicate.com") @NotNull
            URI baseUrl,

            @DefaultValue("") String apiToken,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("15s") Duration requestTimeout,
            @DefaultValue("10s") Duration pollTimeout,
            @DefaultValue("2") @Min(1) @Max(32) int httpThreads,
            @DefaultValue("5s") Duration syncWait,
            @DefaultValue("10m") Duration cancelAfter) {

        public Replicate {
            requirePositive(connectTimeout, "replicate.connect-timeout");
            requirePositive(requestTimeout, "replicate.request-timeout");
            requirePositive(pollTimeout, "replicate.poll-timeout");
            if (syncWait == null || syncWait.isNegative() || syncWait.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException(
                        "pipeline.generation.replicate.sync-wait must be within 0s..60s but was " + syncWait);
            }
            if (cancelAfter == null || cancelAfter.isNegative()) {
                throw new IllegalArgumentException(
                        "pipeline.generation.replicate.cancel-after must not be negative but was " + cancelAfter);
            }
            if (requestTimeout != null && requestTimeout.compareTo(syncWait) <= 0) {
                throw new IllegalArgumentException("pipeline.generation.replicate.request-timeout (" + requestTimeout
                        + ") must be longer than replicate.sync-wait (" + syncWait + ")");
            }
        }

        /** Whole seconds for {@code Prefer: wait=<n>}; 0 when no wait is asked for. */
        public long syncWaitSeconds() {
            return syncWait.toSeconds();
        }
    }

    /**
     * The provider account's budget (Replicate: 600 creates and 3,000 other calls a minute per account): work beyond it
     * waits its turn, counted in {@code pipeline.provider.budget.waits}.
     *
     * @param account names the account's buckets; instances with the same account share them
     * @param creates creates per {@code period}
     * @param calls polls, cancels and lists per {@code period}
     * @param margin how far apart the delays between a call's grant here and its arrival at the provider may be: the
     *     tokens that refill in it are held back from each bucket's capacity, so that the provider's bucket, which
     *     starts refilling when the calls arrive, never has fewer than this one has granted (see {@code
     *     ProviderBudget}); the long-run rate stays {@code creates} and {@code calls} per {@code period}
     */
    public record Budget(
            @DefaultValue("default") @NotNull String account,
            @DefaultValue("600") @Min(1) long creates,
            @DefaultValue("3000") @Min(1) long calls,
            @DefaultValue("1m") Duration period,
            @DefaultValue("1s") Duration margin) {

        public Budget {
            requirePositive(period, "budget.period");
            if (margin == null || margin.isNegative() || margin.compareTo(period) >= 0) {
                throw new IllegalArgumentException("pipeline.generation.budget.margin must be within 0s and"
                        + " budget.period (" + period + ") but was " + margin);
            }
        }
    }

    /**
     * The admission queue every requested generation waits in for a free slot (package {@code admission}).
     *
     * @param perUserInFlight most predictions one owner has in flight (or being started) at once; more wait
     * @param starters threads that hand claimed generations to the stage and record the create answers (a starter is
     *     held until the create call is sent, not while it is answered)
     * @param safetyPoll longest the dispatcher sleeps when nothing wakes it: how soon a slot freed by a prediction
     *     that ended, or a generation another instance recorded, is seen
     * @param claimLease how long a claimed generation is reserved for the instance starting it; a crashed instance's
     *     claims are taken over after this (starting is idempotent)
     * @param keepDispatched how long a started generation's row stays for the figures before it is deleted
     * @param takeBatch most records of {@code pipeline.generate} one poll of its listener hands over, recorded in one
     *     insert ({@code max.poll.records} of that listener alone; the retry tiers keep the consumer factory's); at
     *     most 2,000: ten parameters a row, and PostgreSQL takes 32,767 a statement
     * @param maxCreates most generations being started per instance: claimed, and their create call not answered yet
     *     (a sync-mode call is unanswered for up to {@code replicate.sync-wait}; none holds a thread meanwhile)
     * @param handoffRetry how soon a generation whose start failed, and whose failure the failure policy could not
     *     route either (the broker is down), is claimed again (instead of after {@code claim-lease})
     * @param claimBatch most generations one claim statement takes: the statement ranks every waiting row whatever it
     *     returns, so larger claims start more per second; a generation of higher priority that arrives meanwhile
     *     waits for the claimed ones to be handed to the stage (not for their predictions)
     */
    public record Dispatch(
            @DefaultValue("100") @Min(1) int perUserInFlight,
            @DefaultValue("16") @Min(1) @Max(64) int starters,
            @DefaultValue("250ms") Duration safetyPoll,
            @DefaultValue("5m") Duration claimLease,
            @DefaultValue("24h") Duration keepDispatched,
            @DefaultValue("500") @Min(1) @Max(2000) int takeBatch,
            @DefaultValue("512") @Min(1) @Max(10_000) int maxCreates,
            @DefaultValue("5s") Duration handoffRetry,
            @DefaultValue("128") @Min(1) @Max(1_000) int claimBatch) {

        public Dispatch {
            requirePositive(safetyPoll, "admission.safety-poll");
            requirePositive(claimLease, "admission.claim-lease");
            requirePositive(keepDispatched, "admission.keep-dispatched");
            requirePositive(handoffRetry, "admission.handoff-retry");
        }
    }

    /** Whether Replicate is asked to call the webhooks (start, logs, output, completed). */
    public boolean webhooksOn() {
        return webhookBaseUrl != null;
    }

    /** Whether webhook bodies are verified (and then taken as the result). */
    public boolean webhooksSigned() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }

    /**
     * Delay before the next poll of a prediction that has been polled {@code pollsSoFar} times: far apart with the
     * webhook on, else {@code first-poll} growing by {@code poll-backoff} up to {@code poll-interval}.
     */
    public Duration nextPollDelay(int pollsSoFar) {
        if (webhooksOn()) {
            return webhookPollInterval;
        }
        double millis = firstPoll.toMillis() * Math.pow(pollBackoff, Math.min(Math.max(pollsSoFar, 0), 30));
        return millis >= pollInterval.toMillis() ? pollInterval : Duration.ofMillis((long) millis);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void requireWebhookSecret(String secret) {
        try {
            if (secret.startsWith("whsec_")
                    && java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())).length > 0) {
                return;
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        throw new IllegalArgumentException("pipeline.generation.webhook-secret must be whsec_ followed by base64");
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("pipeline.generation." + name + " must be positive but was " + value);
        }
    }
}
