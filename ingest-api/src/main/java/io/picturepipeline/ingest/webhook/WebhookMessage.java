package io.picturepipeline.ingest.webhook;

import io.picturepipeline.schemas.PoisonRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record of {@code pipeline.webhook}: one event for one endpoint, with the body every attempt sends unchanged
 * ({@code webhookId} is the {@code webhook-id}, stable per event and endpoint). Written and read by this package only.
 */
record WebhookMessage(
        UUID endpointId, String webhookId, UUID generationId, String type, Instant occurredAt, String body) {

    private static final int MAX_BYTES = 256 * 1024;

    /** The {@code webhook-id} of {@code eventId} for {@code endpointId}: the same on every redelivery. */
    static String webhookId(UUID eventId, UUID endpointId) {
        byte[] name = (eventId + "/" + endpointId).getBytes(StandardCharsets.UTF_8);
        return "msg_" + UUID.nameUUIDFromBytes(name).toString().replace("-", "");
    }

    byte[] encode(JsonMapper json) {
        return json.writeValueAsBytes(this);
    }

    static WebhookMessage decode(JsonMapper json, byte[] bytes) {
        if (bytes == null || bytes.length > MAX_BYTES) {
            throw new PoisonRecordException("a webhook record must hold 1 to " + MAX_BYTES + " bytes");
        }
        try {
            WebhookMessage message = json.readValue(bytes, WebhookMessage.class);
            if (message.endpointId() == null || message.webhookId() == null || message.body() == null) {
                throw new PoisonRecordException("a webhook record needs endpointId, webhookId and body");
            }
            return message;
        } catch (JacksonException e) {
            throw new PoisonRecordException("unreadable webhook record: " + e.getOriginalMessage(), e);
        }
    }
}
