package io.picturepipeline.ingest.webhook;

import static io.picturepipeline.ingest.webhook.WebhookEndpoints.utc;

import io.picturepipeline.schemas.Text;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code ingest.webhook_delivery}: a row per delivery when its event is fanned out, updated after every attempt. An
 * update never moves a delivery out of {@code delivered}: a redelivered record that is sent again (at-least-once)
 * does not undo a success.
 */
@Component
class DeliveryLog {

    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the delivery unless it is recorded already, or its endpoint was deleted meanwhile. */
    void pending(WebhookMessage message, Instant now) {
        jdbc.sql("""
                        insert into ingest.webhook_delivery
                            (id, endpoint_id, generation_id, event_type, event_occurred_at, created_at, status)
                        select :id, e.id, :generation, :type, :occurredAt, :now, 'pending'
                        from ingest.webhook_endpoint e where e.id = :endpoint
                        on conflict (id) do nothing""")
                .param("id", message.webhookId())
                .param("endpoint", message.endpointId())
                .param("generation", message.generationId())
                .param("type", message.type())
                .param("occurredAt", utc(message.occurredAt()))
                .param("now", utc(now))
                .update();
    }

    void delivered(String webhookId, int attempt, int status, Instant now) {
        jdbc.sql("""
                        update ingest.webhook_delivery
                        set status = 'delivered', attempts = greatest(attempts, :attempt), last_attempt_at = :now,
                            last_response_status = :status, last_error = null, delivered_at = coalesce(delivered_at, :now)
                        where id = :id""")
                .param("attempt", attempt)
                .param("now", utc(now))
                .param("status", status)
                .param("id", webhookId)
                .update();
    }

    /** An attempt that did not deliver: {@code outcome} retrying, failed, refused or skipped. */
    void notDelivered(
            String webhookId, String outcome, int attempt, @Nullable Integer status, String error, Instant now) {
        jdbc.sql("""
                        update ingest.webhook_delivery
                        set status = :outcome, attempts = greatest(attempts, :attempt), last_attempt_at = :now,
                            last_response_status = :status, last_error = :error
                        where id = :id and status <> 'delivered'""")
                .param("outcome", outcome)
                .param("attempt", attempt)
                .param("now", utc(now))
                .param("status", status)
                .param("error", Text.truncate(error, MAX_ERROR))
                .param("id", webhookId)
                .update();
    }
}
