package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes pipeline events keyed by generation id, with their type in a header. */
public class EventPublisher {

    private final KafkaTemplate<String, byte[]> template;
    private final EventCodec codec;
    private final Duration timeout;

    EventPublisher(KafkaTemplate<String, byte[]> template, EventCodec codec, Duration timeout) {
        this.template = template;
        this.codec = codec;
        this.timeout = timeout;
    }

    public CompletableFuture<Void> publish(String topic, PipelineEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, event.generationId().toString(), codec.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        return template.send(record).thenApply(result -> null);
    }

    /**
     * Hands a generation on to the next stage: the event on the lifecycle topic first, then on {@code stageTopic}
     * ({@link Topics#handOff}), each acknowledged before the next. Were the stage's record first and the lifecycle
     * publish to fail, the next stage could finish the generation before the lifecycle topic shows it reached it; a
     * retry publishes both again under the same event id.
     */
    public void handOff(String stageTopic, PipelineEvent event) {
        Topics.handOff(stageTopic).forEach(topic -> publishNow(topic, event));
    }

    /** Publishes and waits for the broker's acknowledgement; throws {@link TransientException} when none comes. */
    public void publishNow(String topic, PipelineEvent event) {
        try {
            publish(topic, event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientException("publishing " + event.type() + " to " + topic + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while publishing " + event.type(), e);
        }
    }
}
