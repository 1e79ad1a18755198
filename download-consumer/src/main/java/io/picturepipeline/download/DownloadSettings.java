package io.picturepipeline.download;

import io.picturepipeline.retry.InProcessRetry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the download stage may fetch from and how much it may take.
 *
 * @param allowedHosts hosts outputs may be fetched from: {@code host}, {@code *.domain} (any sub-domain, not the
 *     domain itself), {@code [v6]}, each optionally with {@code :port}; without a port only the scheme's default
 *     port (80/443) is allowed. Their addresses must still be public.
 * @param trustedInternalHosts exact {@code host:port} pairs allowed although they resolve to a private or loopback
 *     address (the local provider, a test server). Implicitly allow-listed. Never for production.
 * @param maxBytes the largest image accepted, enforced while streaming
 * @param connectTimeout the longest wait for a TCP/TLS connection
 * @param downloadTimeout the longest one output may take, redirects included
 * @param maxRedirects redirects followed per output, each hop checked again
 * @param retry the short in-process retries of one output's fetch (the shared {@link InProcessRetry} of
 *     {@code retry-dlq}); a transient failure that outlasts them goes to the backoff tiers ({@code pipeline.retry.*})
 * @param replicate the provider's API, asked for fresh output URLs when an output is gone (404/410)
 */
@Validated
@ConfigurationProperties("pipeline.download")
record DownloadSettings(
        @DefaultValue({"replicate.delivery", "*.replicate.delivery", "pbxt.replicate.delivery"})
        List<@NotBlank String> allowedHosts,

        @DefaultValue List<@NotBlank String> trustedInternalHosts,
        @DefaultValue("20MB") DataSize maxBytes,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration downloadTimeout,
        @DefaultValue("3") @Min(0) @Max(10) int maxRedirects,
        @DefaultValue @Valid @NotNull InProcessRetry retry,
        @DefaultValue @Valid @NotNull ReplicateApi replicate) {

    /**
     * Replicate's API, for {@code GET /v1/predictions/{id}} when an output URL is gone.
     *
     * @param baseUrl e.g. {@code https://api.replicate.com} (without {@code /v1})
     * @param apiToken the account's token; empty = never ask, an expired output fails the generation at once
     * @param timeout the longest the lookup may take
     */
    record ReplicateApi(
            @DefaultValue("https://api.replicate.com") @NotNull
            URI baseUrl,

            @DefaultValue("") String apiToken,
            @DefaultValue("10s") Duration timeout) {

        ReplicateApi {
            apiToken = apiToken == null ? "" : apiToken.trim();
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("pipeline.download.replicate.timeout must be positive");
            }
        }

        boolean configured() {
            return !apiToken.isEmpty();
        }
    }

    /** Images are held in memory while they are checked; this keeps one within a byte array, with room. */
    static final DataSize MAX_BYTES_LIMIT = DataSize.ofMegabytes(512);

    DownloadSettings {
        allowedHosts = List.copyOf(allowedHosts);
        trustedInternalHosts = List.copyOf(trustedInternalHosts);
        Objects.requireNonNull(maxBytes, "pipeline.download.max-bytes is required");
        Objects.requireNonNull(connectTimeout, "pipeline.download.connect-timeout is required");
        Objects.requireNonNull(downloadTimeout, "pipeline.download.download-timeout is required");
        if (maxBytes.toBytes() < 1 || maxBytes.toBytes() > MAX_BYTES_LIMIT.toBytes()) {
            throw new IllegalArgumentException(
                    "pipeline.download.max-bytes must be between 1 byte and " + MAX_BYTES_LIMIT);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("pipeline.download.connect-timeout must be positive");
        }
        if (downloadTimeout.isNegative() || downloadTimeout.isZero()) {
            throw new IllegalArgumentException("pipeline.download.download-timeout must be positive");
        }
    }

    FetchLimits limits() {
        return new FetchLimits(maxBytes.toBytes(), connectTimeout, downloadTimeout, maxRedirects);
    }
}
