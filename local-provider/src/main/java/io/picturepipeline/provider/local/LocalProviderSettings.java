package io.picturepipeline.provider.local;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Start-time settings of a {@link LocalProvider}.
 *
 * @param port TCP port; 0 = a random free port
 * @param bindAddress address to bind, e.g. {@code 127.0.0.1} (default) or {@code 0.0.0.0}
 * @param latency time from create to terminal state (10% {@code starting}, 90% {@code processing})
 * @param apiToken the only accepted bearer token; {@code null} = any non-empty token is accepted
 * @param threads size of the HTTP worker pool
 * @param maxPredictions predictions retained; beyond it the oldest terminal ones are evicted
 * @param webhookSecret {@code whsec_...} key used to sign webhooks (Standard Webhooks, like Replicate)
 * @param faults faults active from start ({@code faults.latency() == null} means {@code latency})
 * @param clock source of "now" for deriving prediction state; inject a controllable one in tests
 * @param outputRetention how long after a prediction ended its inputs, outputs and files are kept (Replicate: an
 *     hour); afterwards it shows {@code data_removed: true} and its file URLs answer 404
 * @param rateLimits creates and other calls allowed per account (API token) and period (Replicate's by default);
 *     beyond them Replicate's 429
 */
public record LocalProviderSettings(
        int port,
        String bindAddress,
        Duration latency,
        String apiToken,
        int threads,
        int maxPredictions,
        String webhookSecret,
        Faults faults,
        InstantSource clock,
        Duration outputRetention,
        RateLimits rateLimits) {

    /** Default signing key; fetch it like at Replicate via {@code GET /v1/webhooks/default/secret}. */
    /** Replicate deletes API predictions' inputs, outputs and files an hour after they end. */
    public static final Duration DEFAULT_OUTPUT_RETENTION = Duration.ofHours(1);

    public static final String DEFAULT_WEBHOOK_SECRET = "whsec_bG9jYWwtcHJvdmlkZXItd2ViaG9vay1zaWduaW5nLWtleQ==";

    public LocalProviderSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        faults = faults == null ? Faults.none() : faults;
        clock = clock == null ? InstantSource.system() : clock;
        outputRetention = outputRetention == null ? DEFAULT_OUTPUT_RETENTION : outputRetention;
        rateLimits = rateLimits == null ? RateLimits.REPLICATE : rateLimits;
        if (port < 0
                || port > 65_535
                || threads < 1
                || maxPredictions < 1
                || latency.isNegative()
                || outputRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "invalid settings: port=" + port + ", threads=" + threads + ", maxPredictions=" + maxPredictions
                            + ", latency=" + latency + ", outputRetention=" + outputRetention);
        }
        if (!webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("webhookSecret must start with whsec_");
        }
    }

    /**
     * Random port on 127.0.0.1, 2 s latency, any token, 64 threads, 100 000 predictions, no faults, 1 h retention,
     * Replicate's rate limits.
     */
    public static LocalProviderSettings defaults() {
        return new LocalProviderSettings(
                0,
                "127.0.0.1",
                Duration.ofSeconds(2),
                null,
                64,
                100_000,
                DEFAULT_WEBHOOK_SECRET,
                Faults.none(),
                InstantSource.system(),
                DEFAULT_OUTPUT_RETENTION,
                RateLimits.REPLICATE);
    }

    public LocalProviderSettings withPort(int value) {
        return RecordCopies.with(this, "port", value);
    }

    public LocalProviderSettings withBindAddress(String value) {
        return RecordCopies.with(this, "bindAddress", value);
    }

    public LocalProviderSettings withLatency(Duration value) {
        return RecordCopies.with(this, "latency", value);
    }

    public LocalProviderSettings withApiToken(String value) {
        return RecordCopies.with(this, "apiToken", value);
    }

    public LocalProviderSettings withThreads(int value) {
        return RecordCopies.with(this, "threads", value);
    }

    public LocalProviderSettings withMaxPredictions(int value) {
        return RecordCopies.with(this, "maxPredictions", value);
    }

    public LocalProviderSettings withWebhookSecret(String value) {
        return RecordCopies.with(this, "webhookSecret", value);
    }

    public LocalProviderSettings withFaults(Faults value) {
        return RecordCopies.with(this, "faults", value);
    }

    public LocalProviderSettings withClock(InstantSource value) {
        return RecordCopies.with(this, "clock", value);
    }

    public LocalProviderSettings withOutputRetention(Duration value) {
        return RecordCopies.with(this, "outputRetention", value);
    }

    public LocalProviderSettings withRateLimits(RateLimits value) {
        return RecordCopies.with(this, "rateLimits", value);
    }
}
