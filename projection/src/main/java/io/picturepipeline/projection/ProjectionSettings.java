package io.picturepipeline.projection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the projection consumes the lifecycle topic.
 *
 * @param batchSize at most this many records per poll, applied in one transaction ({@code max.poll.records})
 * @param concurrency listener threads; more than the partition count (12) only idles
 * @param stuckAfter a generation in a live status whose last event is older than this counts as stuck (the old
 *     system's {@code stuck_jobs} rule)
 */
@Validated
@ConfigurationProperties("pipeline.projection")
public record ProjectionSettings(
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("1") @Min(1) @Max(64) int concurrency,
        @DefaultValue("15m") @NotNull Duration stuckAfter) {}
