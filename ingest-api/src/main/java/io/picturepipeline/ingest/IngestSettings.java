package io.picturepipeline.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
        @Valid @DefaultValue Read read) {

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
     * check issuer ({@code issuer}, in jwks mode defaulting to the issuer-uri) and {@code audience}.
     */
    public record Auth(
            @DefaultValue("jwks") @NotNull Mode mode,
            @Nullable String hmacSecret,
            @Nullable String issuer,
            @DefaultValue("picture-pipeline") @NotBlank String audience) {

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
}
