package io.picturepipeline.retry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the pipeline's topics are declared and its events published. The defaults are the durable ones of a real
 * cluster; the {@code local} profile of each service lowers them for a single broker. {@code healthTimeout} bounds
 * the {@code kafka} health check.
 */
@Validated
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaSettings(
        @DefaultValue("12") @Min(1) @Max(1000) int partitions,
        @DefaultValue("3") @Min(1) @Max(7) short replicationFactor,
        @DefaultValue("2") @Min(1) @Max(7) int minInsyncReplicas,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("3s") Duration healthTimeout) {}
