package io.picturepipeline.retry.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The largest request body a service reads, under {@code pipeline.http}: 64 KiB fits every body of the API many
 * times over; the generation-consumer raises it for provider webhooks, which carry the prediction's logs.
 */
@Validated
@ConfigurationProperties("pipeline.http")
public record RequestBodySettings(
        @DefaultValue("64KB") @NotNull DataSize maxRequestBody) {}
