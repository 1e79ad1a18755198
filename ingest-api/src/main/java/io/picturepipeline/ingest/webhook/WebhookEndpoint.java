package io.picturepipeline.ingest.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A client's registered endpoint as its owner sees it: never its secret. */
public record WebhookEndpoint(
        UUID id,
        String url,
        EventFilter events,
        boolean enabled,
        @Nullable String disabledReason,
        @Nullable Instant disabledAt,
        Instant createdAt) {}
