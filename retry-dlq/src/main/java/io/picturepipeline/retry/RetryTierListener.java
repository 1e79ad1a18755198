package io.picturepipeline.retry;

import io.picturepipeline.schemas.FailureHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.AcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The listener of one retry tier of one stage. All records of a tier wait the same delay, so on each partition the
 * head record is the next one due. A record not yet due ({@code pp-due-at}) pauses its partition only — the
 * consumer seeks back to it and a timer resumes the partition when it is due — while the tier's other partitions
 * and the stage's input topic keep flowing. A due record goes to the same {@link StageHandler} as the input topic;
 * when it fails, the shared error handler routes it on by its headers.
 */
final class RetryTierListener implements AcknowledgingConsumerAwareMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(RetryTierListener.class);

    private final StageHandler handler;
    private final Duration tierDelay;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Set<TopicPartition> waiting = ConcurrentHashMap.newKeySet();
    private volatile MessageListenerContainer container;

    RetryTierListener(StageHandler handler, Duration tierDelay, Clock clock, ScheduledExecutorService timer) {
        this.handler = handler;
        this.tierDelay = tierDelay;
        this.clock = clock;
        this.timer = timer;
    }

    void attach(MessageListenerContainer container) {
        this.container = container;
    }

    @Override
    public void onMessage(
            ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment, Consumer<?, ?> consumer) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (waiting.contains(partition)) {
            return; // behind a record that is not due yet: fetched again after the seek
        }
        Duration wait = Duration.between(clock.instant(), dueAt(record));
        if (!wait.isNegative() && !wait.isZero()) {
            holdUntilDue(partition, record, consumer, wait);
            return;
        }
        if (handler.handle(record) == StageHandler.Outcome.DEFERRED) {
            holdUntilDue(partition, record, consumer, handler.deferral());
            return;
        }
        acknowledgment.acknowledge();
    }

    private void holdUntilDue(
            TopicPartition partition, ConsumerRecord<String, byte[]> record, Consumer<?, ?> consumer, Duration wait) {
        waiting.add(partition);
        consumer.seek(partition, record.offset());
        container.pausePartition(partition);
        log.debug("{}@{} is due in {}: partition paused", partition, record.offset(), wait);
        timer.schedule(
                () -> {
                    waiting.remove(partition);
                    container.resumePartition(partition);
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private Instant dueAt(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(FailureHeaders.DUE_AT);
        if (header != null) {
            try {
                return Instant.parse(new String(header.value(), StandardCharsets.UTF_8));
            } catch (DateTimeParseException unreadable) {
                log.warn("{}@{} has an unreadable {}", record.topic(), record.offset(), FailureHeaders.DUE_AT);
            }
        }
        return Instant.ofEpochMilli(record.timestamp()).plus(tierDelay);
    }
}
