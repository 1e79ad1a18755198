package io.picturepipeline.ingest.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One delivery of one event to one endpoint, as its owner sees it: {@code webhookId} is the {@code webhook-id} every
 * attempt carried; {@code status} is pending, delivered, retrying, failed (given up, or the endpoint answered 410),
 * refused (the SSRF guard refused the address) or skipped (the endpoint was disabled).
 */
public record WebhookDelivery(
        String webhookId,
        UUID generationId,
        String type,
        String status,
        int attempts,
        @Nullable Integer lastResponseStatus,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant deliveredAt) {}
