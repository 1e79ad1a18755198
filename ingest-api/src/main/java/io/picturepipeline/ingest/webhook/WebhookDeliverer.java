package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.IngestSettings;
import io.picturepipeline.retry.KeepRemainingRecords;
import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.retry.RetrySettings;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.retry.egress.FetchPolicy;
import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the records of {@code pipeline.webhook} — and, through {@link #handle}, of its backoff tiers — the webhook
 * stage of the shared failure policy: an attempt that does not get a 2xx throws, and the policy sends the record to
 * the next tier, and after {@code pipeline.retry.max-attempts} (about 24 h of tiers) to {@code pipeline.webhook-dlt}.
 *
 * <p>Before every attempt the SSRF guard checks the address again; a refused one is never contacted, the delivery is
 * {@code refused} and the endpoint disabled. The first attempt has a short timeout and a recently slow endpoint is not
 * tried at all ({@link SlowEndpoints}): a slow or dead endpoint holds its partition briefly, and other endpoints'
 * deliveries behind it go on — a failed attempt is routed on without seeking the partition back
 * ({@link KeepRemainingRecords}), so a skipped delivery costs the records behind it nothing but its routing. An endpoint that answers 410 Gone, or whose delivery is given up, is disabled with the
 * reason its owner sees.
 */
@Component
class WebhookDeliverer {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

    private final JsonMapper json;
    private final WebhookEndpoints endpoints;
    private final DeliveryLog deliveries;
    private final WebhookSender sender;
    private final SlowEndpoints slow;
    private final FetchPolicy policy;
    private final Clock clock;
    private final IngestSettings.Webhooks settings;
    private final int maxAttempts;

    WebhookDeliverer(
            JsonMapper json,
            WebhookEndpoints endpoints,
            DeliveryLog deliveries,
            WebhookSender sender,
            SlowEndpoints slow,
            FetchPolicy webhookAddressPolicy,
            Clock clock,
            IngestSettings settings,
            RetrySettings retry) {
        this.json = json;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.slow = slow;
        this.policy = webhookAddressPolicy;
        this.clock = clock;
        this.settings = settings.webhooks();
        this.maxAttempts = retry.maxAttempts();
    }

    @KafkaListener(
            id = Access.WEBHOOK_GROUP,
            groupId = Access.WEBHOOK_GROUP,
            topics = Topics.WEBHOOK,
            containerPostProcessor = KeepRemainingRecords.BEAN,
            concurrency = "${pipeline.ingest.webhooks.delivery-threads:4}")
    void onWebhook(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    StageHandler.Outcome handle(ConsumerRecord<String, byte[]> record) {
        WebhookMessage message = WebhookMessage.decode(json, record.value());
        int attempt = attemptNumber(record);
        boolean last = attempt >= maxAttempts;
        Optional<Target> found = endpoints.target(message.endpointId());
        Instant now = clock.instant();
        if (found.isEmpty()) {
            log.info("webhook {}: endpoint {} is deleted; dropped", message.webhookId(), message.endpointId());
            return StageHandler.Outcome.DONE;
        }
        Target target = found.get();
        if (!target.enabled()) {
            deliveries.notDelivered(message.webhookId(), "skipped", attempt, null, "the endpoint is disabled", now);
            return StageHandler.Outcome.DONE;
        }
        URI uri = target.uri();
        try {
            policy.check(uri);
        } catch (NonRetryableException refused) {
            deliveries.notDelivered(message.webhookId(), "refused", attempt, null, refused.getMessage(), now);
            endpoints.disable(target.id(), refused.getMessage());
            return StageHandler.Outcome.DONE;
        } catch (TransientException unresolvable) {
            throw failed(message, target, attempt, last, null, "the host does not resolve now", unresolvable, now);
        }
        if (!last && slow.isSlow(target.id(), now)) {
            throw failed(message, target, attempt, last, null, "not tried: the endpoint timed out recently", null, now);
        }
        return post(message, target, uri, attempt, last, record.topic().equals(Topics.WEBHOOK), now);
    }

    private StageHandler.Outcome post(
            WebhookMessage message, Target target, URI uri, int attempt, boolean last, boolean first, Instant now) {
        byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        String signature = Signatures.header(message.webhookId(), timestamp, body, target.signingSecrets(now));
        Duration timeout = first ? settings.firstAttemptTimeout() : settings.retryTimeout();
        WebhookSender.Answer answer;
        try {
            answer = sender.post(uri, message.webhookId(), timestamp, signature, body, timeout);
        } catch (TimeoutException e) {
            slow.timedOut(target.id(), now);
            throw failed(message, target, attempt, last, null, "no answer within " + timeout, e, now);
        } catch (IOException e) {
            throw failed(message, target, attempt, last, null, "could not be reached: " + e, e, now);
        }
        slow.answered(target.id());
        if (answer.delivered()) {
            deliveries.delivered(message.webhookId(), attempt, answer.status(), clock.instant());
            log.debug("webhook {} delivered to {} ({})", message.webhookId(), target.id(), answer.status());
            return StageHandler.Outcome.DONE;
        }
        String error = "answered " + answer.status() + (answer.excerpt().isBlank() ? "" : ": " + answer.excerpt());
        if (answer.status() == 410) {
            deliveries.notDelivered(message.webhookId(), "failed", attempt, 410, error, now);
            endpoints.disable(target.id(), "it answered 410 Gone");
            return StageHandler.Outcome.DONE;
        }
        throw failed(message, target, attempt, last, answer.status(), error, null, now);
    }

    /** Records a failed attempt (and gives up on the last one) and returns what to throw to the failure policy. */
    private TransientException failed(
            WebhookMessage message,
            Target target,
            int attempt,
            boolean last,
            @Nullable Integer status,
            String error,
            @Nullable Throwable cause,
            Instant now) {
        deliveries.notDelivered(message.webhookId(), last ? "failed" : "retrying", attempt, status, error, now);
        if (last) {
            endpoints.disable(
                    target.id(),
                    "a delivery failed all its " + attempt + " attempts (the whole retry schedule); the last: "
                            + error);
        }
        return new TransientException(
                "webhook " + message.webhookId() + " attempt " + attempt + ": " + error, null, cause);
    }

    /** This delivery's number: 1 for the first, as the failure policy counts it. */
    private static int attemptNumber(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(FailureHeaders.ATTEMPTS);
        try {
            return header == null
                    ? 1
                    : Math.max(0, Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8).trim())) + 1;
        } catch (NumberFormatException unreadable) {
            return 1;
        }
    }
}
