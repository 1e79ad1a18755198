package io.picturepipeline.retry;

import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.IllegalTransitionException;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The failure policy of every stage in one place: poison and permanent failures go to {@code <topic>-dlt} on first
 * sight; anything else is retried in place a few times, then dead-lettered. Each dead letter is also announced on
 * the lifecycle topic. Dead-letter headers are spring-kafka's, without the unbounded stack trace.
 */
final class DeadLetterPolicy {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

    private DeadLetterPolicy() {}

    static DefaultErrorHandler errorHandler(
            KafkaTemplate<String, byte[]> template, EventPublisher publisher, Clock clock) {
        DeadLetterPublishingRecoverer toDeadLetterTopic = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(deadLetterTopicOf(record.topic()), -1));
        toDeadLetterTopic.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxAttempts(2); // retries after the first attempt: 3 attempts in all
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    Exception cause = unwrap(exception);
                    toDeadLetterTopic.accept(record, cause);
                    announce(record, cause, publisher, clock);
                },
                backOff);
        handler.addNotRetryableExceptions(
                PoisonRecordException.class, NonRetryableException.class, IllegalTransitionException.class);
        return handler;
    }

    static String deadLetterTopicOf(String topic) {
        int retry = topic.indexOf(Topics.RETRY_SUFFIX);
        return Topics.deadLetter(retry < 0 ? topic : topic.substring(0, retry));
    }

    private static void announce(
            ConsumerRecord<?, ?> record, Exception exception, EventPublisher publisher, Clock clock) {
        UUID generationId = generationIdOf(record);
        Exception cause = exception;
        log.warn(
                "dead-lettered {}-{}@{} of generation {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                generationId,
                cause.toString());
        if (generationId == null) {
            return;
        }
        String deadLetterTopic = deadLetterTopicOf(record.topic());
        Stage stage = Arrays.stream(Stage.values())
                .filter(s -> deadLetterTopic.equals(Topics.deadLetter(s.topic())))
                .findFirst()
                .orElse(null);
        if (stage != null) {
            publisher.publishNow(
                    Topics.LIFECYCLE,
                    DeadLettered.of(
                            generationId,
                            clock.instant(),
                            stage,
                            deadLetterTopic,
                            cause.getClass().getSimpleName(),
                            String.valueOf(cause.getMessage()),
                            1));
        }
    }

    /** The stage's own exception, not spring-kafka's wrapper, is what ops need to read in the headers. */
    private static Exception unwrap(Exception exception) {
        return exception instanceof ListenerExecutionFailedException && exception.getCause() instanceof Exception cause
                ? cause
                : exception;
    }

    private static UUID generationIdOf(ConsumerRecord<?, ?> record) {
        try {
            return record.key() == null ? null : UUID.fromString(record.key().toString());
        } catch (IllegalArgumentException notAGenerationId) {
            return null;
        }
    }
}
