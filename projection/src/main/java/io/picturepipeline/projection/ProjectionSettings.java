package io.picturepipeline.projection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the projection consumes the lifecycle topic. How long a live generation may go without an event before it
 * counts as stuck is not a setting: it is the table {@code projection.stuck_threshold}, which the {@code stuck_jobs}
 * view and the {@code pipeline.generations.stuck} gauge both read.
 *
 * @param batchSize at most this many records per poll, applied in one transaction ({@code max.poll.records})
 * @param concurrency listener threads; more than the partition count (12) only idles
 * @param analystPassword the password of the read-only {@code analyst} role when a migration creates it (empty: no
 *     password login); the local profile documents a default
 * @param outageBackoff how the listener waits for a database that is down: it retries the same records forever
 * @param rebuild the rebuild mode ({@code ./pp rebuild-projection})
 * @param analysts the bounds of the {@code analyst} role that no analyst session can lift
 */
@Validated
@ConfigurationProperties("pipeline.projection")
public record ProjectionSettings(
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("1") @Min(1) @Max(64) int concurrency,

        @DefaultValue("") @NotNull @Pattern(regexp = "[^']*", message = "must not contain a single quote")
        String analystPassword,

        @DefaultValue @Valid OutageBackoff outageBackoff,
        @DefaultValue @Valid Rebuild rebuild,
        @DefaultValue @Valid Analysts analysts) {

    /**
     * @param queryLimit an analyst statement running longer is cancelled, whatever its session's
     *     {@code statement_timeout}
     * @param checkInterval how often the watchdog looks (a statement may run up to this much past the limit)
     * @param connectionLimit the role's {@code CONNECTION LIMIT}: at most this many analyst sessions at once
     */
    public record Analysts(
            @DefaultValue("60s") @NotNull Duration queryLimit,
            @DefaultValue("2s") @NotNull Duration checkInterval,
            @DefaultValue("10") @Min(1) @Max(1000) int connectionLimit) {}

    /**
     * @param initial the first wait after a failed attempt
     * @param max the longest wait; must stay well below the consumer's {@code max.poll.interval.ms} (5 minutes)
     */
    public record OutageBackoff(
            @DefaultValue("500ms") @NotNull Duration initial,
            @DefaultValue("30s") @NotNull Duration max) {}

    /**
     * @param swap whether the rebuilt schema replaces the live one at the end; without, it stays as
     *     {@code projection_rebuild} for comparison
     * @param lockTimeout how long the swap waits for the live projection's current transaction
     */
    public record Rebuild(
            @DefaultValue("true") boolean swap,
            @DefaultValue("30s") @NotNull Duration lockTimeout) {}
}
