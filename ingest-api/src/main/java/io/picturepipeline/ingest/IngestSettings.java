package io.picturepipeline.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything the ingest-api can be tuned with, under {@code pipeline.ingest}. */
@Validated
@ConfigurationProperties("pipeline.ingest")
public record IngestSettings(
        @Valid @DefaultValue Outbox outbox,
        @Valid @DefaultValue Auth auth,
        @Valid @DefaultValue Read read,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Plans plans,
        @Valid @DefaultValue Idempotency idempotency,
        @Valid @DefaultValue Streams streams,
        @Valid @DefaultValue Webhooks webhooks,
        @Valid @DefaultValue SourceImages sourceImages) {

    /**
     * The transactional outbox. Rows are published right after the commit ({@code publishImmediately}) and, as a
     * safety net, by a relay every {@code sweepInterval} for rows older than {@code gracePeriod}.
     */
    public record Outbox(
            @DefaultValue("true") boolean publishImmediately,
            @DefaultValue("2") @Min(1) @Max(16) int publishThreads,
            @DefaultValue("1s") @NotNull Duration sweepInterval,
            @DefaultValue("2s") @NotNull Duration gracePeriod,
            @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("15s") @NotNull Duration publishTimeout,
            @DefaultValue("1s") @NotNull Duration metricsCacheTtl) {}

    /**
     * Bearer token validation. {@code hmac}: HS256 with {@code hmacSecret} (the local profile); {@code jwks}: keys
     * from {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} or the issuer's discovery document. Both
     * check issuer ({@code issuer}, in jwks mode defaulting to the issuer-uri) and {@code audience}, and refuse a
     * token without {@code exp} or one that lives longer than {@code maxTokenLifetime} (from {@code iat}, or from
     * now). A verified token is remembered for {@code rememberVerified} at most (never past its {@code exp}), so the
     * same client's next requests skip the signature check; {@code 0s} verifies every request.
     */
    public record Auth(
            @DefaultValue("jwks") @NotNull Mode mode,
            @Nullable String hmacSecret,
            @Nullable String issuer,
            @DefaultValue("picture-pipeline") @NotBlank String audience,
            @DefaultValue("24h") @NotNull Duration maxTokenLifetime,
            @DefaultValue("5m") @NotNull Duration rememberVerified) {

        public enum Mode {
            HMAC,
            JWKS
        }
    }

    /** Reading generations: page sizes, and how often a missing projection table is looked for again. */
    public record Read(
            @DefaultValue("20") @Min(1) @Max(100) int defaultLimit,
            @DefaultValue("100") @Min(1) @Max(1000) int maxLimit,
            @DefaultValue("10s") @NotNull Duration projectionRecheck) {}

    /**
     * Submissions per user over a sliding hour and a sliding day, counted from the accepted requests in PostgreSQL
     * (so the limits hold across instances and restarts): the default plan's, unless {@code plans.named} lists it.
     */
    public record Limits(
            @DefaultValue("20") @Min(1) int hourly,
            @DefaultValue("100") @Min(1) int daily) {}

    /**
     * Plans. A user's plan is their row in {@code ingest.user_plan} (ops set it), else the token's {@code plan} claim,
     * else {@code defaultPlan}; a name not in {@code named} is the default plan. The default plan has the
     * {@code limits} above, priority 0 (the seeds' default) and weight 1, unless {@code named} lists it.
     * {@code maxScheduleAhead}: how far ahead a submission's {@code notBefore} may lie.
     */
    public record Plans(
            @DefaultValue("free") @NotBlank String defaultPlan,
            @DefaultValue("30d") @NotNull Duration maxScheduleAhead,
            @Nullable Map<String, @Valid Plan> named) {

        /**
         * @param hourly submissions per sliding hour
         * @param daily submissions per sliding day
         * @param priority the highest priority its submissions may ask for, and their default (0 to 9; higher starts
         *     first when the generate stage is at capacity)
         * @param weight its fair share among users of the same priority (1 to 100)
         */
        public record Plan(
                @Min(1) int hourly,
                @Min(1) int daily,
                @Min(0) @Max(9) int priority,
                @Min(1) @Max(100) int weight) {}
    }

    /** How long an {@code Idempotency-Key} is remembered, and how long one may be. */
    public record Idempotency(
            @DefaultValue("24h") @NotNull Duration ttl,
            @DefaultValue("255") @Min(8) @Max(1024) int maxKeyLength) {}

    /**
     * Server-Sent Events. {@code heartbeat}: comment lines that keep idle connections open through proxies;
     * {@code maxDuration}: a stream is ended after this (the client resumes with {@code Last-Event-ID});
     * {@code maxPerUser} / {@code maxTotal}: open streams per user and per instance; {@code ticketTtl}: lifetime of a
     * single-use stream ticket; {@code recentRecords}: lifecycle records kept in memory to close the gap between the
     * projection and the live feed; {@code backfillPerPartition}: records re-read per partition when the feed starts;
     * {@code replayWindow}: the per-user stream replays generations updated within it; {@code sendQueue}: frames one
     * slow client may have waiting before its stream is closed; {@code sendThreads}: threads writing to clients.
     */
    public record Streams(
            @DefaultValue("15s") @NotNull Duration heartbeat,
            @DefaultValue("30m") @NotNull Duration maxDuration,
            @DefaultValue("3s") @NotNull Duration reconnectDelay,
            @DefaultValue("5") @Min(1) int maxPerUser,
            @DefaultValue("1000") @Min(1) int maxTotal,
            @DefaultValue("60s") @NotNull Duration ticketTtl,
            @DefaultValue("10000") @Min(0) int recentRecords,
            @DefaultValue("500") @Min(0) int backfillPerPartition,
            @DefaultValue("24h") @NotNull Duration replayWindow,
            @DefaultValue("1000") @Min(10) int sendQueue,
            @DefaultValue("2") @Min(1) @Max(64) int sendThreads) {}

    /**
     * Client webhooks. {@code firstAttemptTimeout}: connect and answer of a delivery's first attempt, short so that a
     * slow endpoint holds its partition only briefly (it is retried from the backoff tiers with
     * {@code retryTimeout}); {@code slowPause}: after an attempt timed out, the endpoint's further deliveries skip
     * their attempt (straight to the next tier) for this long, except a delivery's last; {@code maxResponseBytes}:
     * what is read of an answer (the rest is never read); {@code maxEndpointsPerUser}; {@code secretGrace}: after a
     * rotation, deliveries are signed with the old secret too for this long; {@code deliveryThreads}: consumer threads
     * of {@code pipeline.webhook}; {@code trustedHosts}: exact {@code host:port} pairs admitted although the SSRF guard
     * would refuse their addresses (tests' loopback receivers; never set in production).
     */
    public record Webhooks(
            @DefaultValue("500ms") @NotNull Duration firstAttemptTimeout,
            @DefaultValue("5s") @NotNull Duration retryTimeout,
            @DefaultValue("1m") @NotNull Duration slowPause,
            @DefaultValue("1024") @Min(0) @Max(65536) int maxResponseBytes,
            @DefaultValue("10") @Min(1) @Max(100) int maxEndpointsPerUser,
            @DefaultValue("24h") @NotNull Duration secretGrace,
            @DefaultValue("4") @Min(1) @Max(64) int deliveryThreads,
            @DefaultValue List<String> trustedHosts) {}

    /**
     * The links a provider fetches a variation's or upscale's source image from, without the user's token.
     * {@code baseUrl}: where the provider reaches this API (default: this instance on loopback, right for the local
     * provider); {@code secret}: the HMAC-SHA256 key that signs them (unset: a random key per process, so every
     * instance that may serve a link needs the same one set); {@code ttl}: how long a link works.
     */
    public record SourceImages(
            @Nullable String baseUrl,
            @Nullable String secret,
            @DefaultValue("1h") @NotNull Duration ttl) {}
}
