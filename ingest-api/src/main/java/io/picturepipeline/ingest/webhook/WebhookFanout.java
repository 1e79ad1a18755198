package io.picturepipeline.ingest.webhook;

import io.picturepipeline.ingest.stream.ClientEvents;
import io.picturepipeline.retry.PipelineKafkaSettings;
import io.picturepipeline.retry.TransientException;
import io.picturepipeline.schemas.Access;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns lifecycle events into webhook deliveries (its own consumer group, so the SSE feed and the pipeline never wait
 * for it): for each event a client sees ({@link ClientEvents}), one {@link WebhookMessage} per enabled endpoint of the
 * generation's owner that asked for it (terminal events, or all) and existed when it happened, recorded as
 * {@code pending} and written to {@code pipeline.webhook}, keyed by endpoint. The body is built here once, so every
 * attempt sends the same bytes. A redelivered event yields the same webhook ids: the row is kept, the record is
 * written again, and the receiver dedupes by {@code webhook-id}.
 */
@Component
class WebhookFanout {

    private static final Logger log = LoggerFactory.getLogger(WebhookFanout.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final EventCodec codec;
    private final JsonMapper json;
    private final WebhookEndpoints endpoints;
    private final DeliveryLog deliveries;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final Duration sendTimeout;
    private final KafkaListenerEndpointRegistry listeners;

    WebhookFanout(
            EventCodec codec,
            JsonMapper json,
            WebhookEndpoints endpoints,
            DeliveryLog deliveries,
            KafkaTemplate<String, byte[]> kafka,
            Clock clock,
            PipelineKafkaSettings kafkaSettings,
            KafkaListenerEndpointRegistry listeners) {
        this.codec = codec;
        this.json = json;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeout = kafkaSettings.publishTimeout();
        this.listeners = listeners;
    }

    /**
     * While PostgreSQL or the broker is away, the event waits (with backoff, as long as the listener runs) instead of
     * going the lifecycle's way of in-place retries and the dead-letter topic: an outage must not lose webhooks. A
     * poison record is skipped: the projection dead-letters it, once, and a replay of that dead letter reaches this
     * group too.
     */
    @KafkaListener(id = Access.WEBHOOK_EVENTS_GROUP, groupId = Access.WEBHOOK_EVENTS_GROUP, topics = Topics.LIFECYCLE)
    void onLifecycleEvent(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Duration wait = FIRST_WAIT;
        while (true) {
            try {
                fanOut(record);
                return;
            } catch (TransientDataAccessException | DataAccessResourceFailureException | TransientException away) {
                MessageListenerContainer container = listeners.getListenerContainer(Access.WEBHOOK_EVENTS_GROUP);
                if (container == null || !container.isRunning()) {
                    throw away;
                }
                log.warn(
                        "{}-{}@{}: webhooks wait for PostgreSQL or the broker ({}); again in {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        away.toString(),
                        wait);
                Thread.sleep(wait.toMillis());
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : doubled;
            }
        }
    }

    private void fanOut(ConsumerRecord<String, byte[]> record) {
        PipelineEvent event;
        try {
            event = codec.decode(record.value());
        } catch (PoisonRecordException e) {
            log.debug(
                    "skipping undecodable lifecycle record {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        Optional<ClientEvents.ClientEvent> seen = ClientEvents.of(event);
        if (seen.isEmpty()) {
            return;
        }
        ClientEvents.ClientEvent client = seen.get();
        List<UUID> subscribers = endpoints.subscribers(event.generationId(), client.isTerminal(), event.occurredAt());
        if (subscribers.isEmpty()) {
            return;
        }
        String type = "generation." + client.name();
        String body = body(type, event, client);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (UUID endpointId : subscribers) {
            WebhookMessage message = new WebhookMessage(
                    endpointId,
                    WebhookMessage.webhookId(event.eventId(), endpointId),
                    event.generationId(),
                    type,
                    event.occurredAt(),
                    body);
            deliveries.pending(message, clock.instant());
            sends.add(send(new ProducerRecord<>(Topics.WEBHOOK, Topics.webhookKey(endpointId), message.encode(json))));
        }
        await(sends, event);
        log.debug("generation {}: {} to {} endpoint(s)", event.generationId(), type, subscribers.size());
    }

    private CompletableFuture<?> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException brokerAway) { // e.g. no metadata within max.block.ms
            return CompletableFuture.failedFuture(brokerAway);
        }
    }

    /** The Standard Webhooks payload: {@code type}, {@code timestamp} and the event as the event streams send it. */
    private String body(String type, PipelineEvent event, ClientEvents.ClientEvent client) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", event.occurredAt());
        payload.put("data", client.data());
        return json.writeValueAsString(payload);
    }

    private void await(List<CompletableFuture<?>> sends, PipelineEvent event) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientException("cannot write the webhooks of " + event.generationId(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted writing the webhooks of " + event.generationId(), null, e);
        }
    }
}
