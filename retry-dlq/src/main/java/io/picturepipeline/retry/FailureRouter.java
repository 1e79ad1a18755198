package io.picturepipeline.retry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.FailureHeaders;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.IllegalTransitionException;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Where a failed record goes next — the failure policy of every stage in one place. It is the recoverer of the
 * shared error handler, which does no in-place retries for stage topics:
 *
 * <ul>
 *   <li><b>poison</b> ({@link PoisonRecordException}, {@link IllegalTransitionException}): the dead-letter topic on
 *       first sight; the generation waits for ops;
 *   <li><b>permanent</b> ({@link NonRetryableException}): {@code GenerationFailed} (the client learns at once), then
 *       the dead-letter topic marked {@code pp-terminal=true}, for ops to see; never replayed;
 *   <li><b>transient</b> (anything else): the first backoff tier that covers the attempt's backoff and the failure's
 *       {@code Retry-After}, announced as {@code RetryScheduled}; after {@code max-attempts} deliveries the
 *       dead-letter topic, where the generation waits for ops (replay or resolve).
 * </ul>
 *
 * Every dead letter is announced as {@code DeadLettered} when its key is a generation id. A record that ops replayed
 * and that fails again is marked {@code pp-parked=true}. Records of other topics (the projection's lifecycle topic)
 * were retried in place by the error handler and go to their dead-letter topic, unannounced. Lifecycle events are
 * published before the record moves on (their ids are stable, so a redelivery after a crash dedupes), except
 * {@code DeadLettered}, which names the dead letter it announces. What the lifecycle events say about a failure is a
 * code and a sentence of {@link ClientFailures}; the exception's own text goes to the log and the dead-letter headers.
 */
final class FailureRouter implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(FailureRouter.class);
    static final String DEAD_LETTERS = "pipeline.dead_letters";

    private final KafkaTemplate<String, byte[]> template;
    private final EventPublisher publisher;
    private final RetrySettings settings;
    private final BackoffTiers tiers;
    private final Clock clock;
    private final Duration sendTimeout;
    private final ObjectProvider<MeterRegistry> registry;

    FailureRouter(
            KafkaTemplate<String, byte[]> template,
            EventPublisher publisher,
            RetrySettings settings,
            Clock clock,
            Duration sendTimeout,
            ObjectProvider<MeterRegistry> registry) {
        this.template = template;
        this.publisher = publisher;
        this.settings = settings;
        this.tiers = new BackoffTiers(settings.tierDelays());
        this.clock = clock;
        this.sendTimeout = sendTimeout;
        this.registry = registry;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        FailedDelivery delivery = new FailedDelivery(record, unwrap(exception), clock.instant());
        Optional<Stage> stage = Topics.stageOf(record.topic());
        if (stage.isEmpty()) {
            int attempts = permanent(delivery.failure()) ? 1 : settings.inPlaceAttempts();
            deadLetter(delivery, null, attempts, Map.of());
            return;
        }
        Throwable failure = delivery.failure();
        if (failure instanceof PoisonRecordException || failure instanceof IllegalTransitionException) {
            deadLetter(delivery, stage.get(), delivery.attempt(), parked(delivery));
        } else if (failure instanceof NonRetryableException permanent) {
            failGeneration(delivery, stage.get(), permanent);
        } else if (delivery.attempt() < settings.maxAttempts()) {
            scheduleRetry(delivery, stage.get());
        } else {
            deadLetter(delivery, stage.get(), delivery.attempt(), parked(delivery));
        }
    }

    private void scheduleRetry(FailedDelivery delivery, Stage stage) {
        Optional<Duration> retryAfter = delivery.failure() instanceof TransientException transientError
                ? transientError.retryAfter()
                : Optional.empty();
        BackoffTiers.Hop hop = tiers.after(delivery.attempt(), retryAfter);
        UUID generationId = delivery.generationId();
        if (generationId != null) {
            publisher.publishNow(
                    Topics.LIFECYCLE,
                    RetryScheduled.of(
                            generationId,
                            delivery.now(),
                            stage,
                            delivery.attempt(),
                            hop.delay(),
                            ClientFailures.retryReason(stage, delivery.failure()),
                            delivery.replayCount()));
        }
        String topic = Topics.retry(stage.topic(), hop.tier());
        send(delivery.forward(
                topic,
                stage.wireName(),
                delivery.attempt(),
                Map.of(FailureHeaders.DUE_AT, delivery.now().plus(hop.delay()).toString())));
        countRetry(stage.wireName(), RetryReason.of(delivery.failure()));
        log.info(
                "generation {}: attempt {} of {}-{}@{} failed ({}); retrying in {} from {}",
                generationId,
                delivery.attempt(),
                delivery.record().topic(),
                delivery.record().partition(),
                delivery.record().offset(),
                delivery.message(),
                hop.delay(),
                topic);
    }

    private void failGeneration(FailedDelivery delivery, Stage stage, NonRetryableException failure) {
        UUID generationId = delivery.generationId();
        if (generationId == null) {
            deadLetter(delivery, stage, delivery.attempt(), parked(delivery));
            return;
        }
        publisher.publishNow(
                Topics.LIFECYCLE,
                GenerationFailed.of(
                        generationId,
                        delivery.now(),
                        stage,
                        failure.errorClass(),
                        ClientFailures.failureMessage(stage, failure.errorClass())));
        deadLetter(delivery, stage, delivery.attempt(), Map.of(FailureHeaders.TERMINAL, "true"));
    }

    private void deadLetter(FailedDelivery delivery, @Nullable Stage stage, int attempts, Map<String, String> markers) {
        ConsumerRecord<?, ?> record = delivery.record();
        String stageName = stage != null ? stage.wireName() : stageNameOf(record.topic());
        String topic = Topics.deadLetter(Topics.mainTopicOf(record.topic()));
        RecordMetadata written = send(delivery.forward(topic, stageName, attempts, markers));
        DeadLetterRef ref = new DeadLetterRef(topic, written.partition(), written.offset());
        String errorClass = delivery.failure().getClass().getSimpleName();
        countDeadLetter(stageName, errorClass);
        UUID generationId = delivery.generationId();
        log.warn(
                "dead-lettered {}-{}@{} of generation {} after {} attempt(s) as {}{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                generationId,
                attempts,
                ref,
                markers.isEmpty() ? "" : " " + markers,
                delivery.failure().toString());
        if (stage != null && generationId != null) {
            publisher.publishNow(
                    Topics.LIFECYCLE,
                    DeadLettered.of(
                            generationId,
                            delivery.now(),
                            stage,
                            ref,
                            errorClass,
                            ClientFailures.deadLetterMessage(stage, delivery.failure()),
                            attempts));
        }
    }

    private static Map<String, String> parked(FailedDelivery delivery) {
        Map<String, String> markers = new HashMap<>();
        if (delivery.replayCount() > 0) {
            markers.put(FailureHeaders.PARKED, "true");
        }
        return markers;
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return template.send(record)
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata();
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientException("cannot write the failed record to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while writing the failed record to " + record.topic(), e);
        }
    }

    private static boolean permanent(Throwable failure) {
        return failure instanceof PoisonRecordException
                || failure instanceof NonRetryableException
                || failure instanceof IllegalTransitionException;
    }

    /** {@code lifecycle} for {@code pipeline.lifecycle}: the last segment of the topic name. */
    static String stageNameOf(String topic) {
        String main = Topics.mainTopicOf(topic);
        return main.substring(main.lastIndexOf('.') + 1);
    }

    /** The stage's own exception is what ops need to read, not spring-kafka's wrappers. */
    static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
                && current.getCause() != null
                && current.getCause() != current) {
            current = current.getCause();
        }
        return TransientRetries.unwrap(current);
    }

    private void countDeadLetter(String stage, String errorClass) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            Counter.builder(DEAD_LETTERS)
                    .description("Records published to a dead-letter topic")
                    .tag("stage", stage)
                    .tag("error_class", errorClass)
                    .register(meters)
                    .increment();
        }
    }

    private void countRetry(String stage, String reason) {
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            TransientRetries.retries(meters, stage, reason).increment();
        }
    }
}
