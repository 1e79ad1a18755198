package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.retry.NonRetryableException;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * The lifecycle topic, a poll at a time. A batch is applied in one transaction. When a record cannot be applied,
 * the records before it are applied and a {@link BatchListenerFailedException} names it, so the shared error
 * handler commits what came before, dead-letters or retries that record alone, and redelivers the rest: poison
 * goes to {@code pipeline.lifecycle-dlt} at once without taking its neighbours along. When the database is down
 * ({@link DatabaseOutages}) nothing is wrong with the records: a {@link DatabaseUnavailableException} names the first
 * one not applied, and this module's outage handler ({@link ProjectionWiring}) redelivers it until the database is
 * back, never dead-lettering it.
 */
@Component
class LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(LifecycleListener.class);

    private final EventCodec codec;
    private final LifecycleProjector projector;
    private final ProjectionMetrics metrics;

    LifecycleListener(EventCodec codec, LifecycleProjector projector, ProjectionMetrics metrics) {
        this.codec = codec;
        this.projector = projector;
        this.metrics = metrics;
    }

    @KafkaListener(id = "projection-lifecycle", idIsGroup = false, topics = Topics.LIFECYCLE, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordedEvent> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                decoded.add(RecordedEvent.of(record, codec.decode(record.value())));
            } catch (PoisonRecordException poison) {
                project(decoded);
                throw new BatchListenerFailedException(
                        "poison record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                                + poison.getMessage(),
                        poison,
                        decoded.size());
            }
        }
        project(decoded);
    }

    private void project(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            projector.project(events);
        } catch (RuntimeException batchFailed) {
            if (DatabaseOutages.isOutage(batchFailed)) {
                throw unavailable(0, events.get(0), batchFailed);
            }
            if (events.size() == 1) {
                throw failedAt(0, events.get(0), batchFailed);
            }
            log.warn(
                    "a batch of {} lifecycle events failed ({}); applying them one at a time to find the one",
                    events.size(),
                    batchFailed.toString());
            for (int i = 0; i < events.size(); i++) {
                try {
                    projector.project(List.of(events.get(i)));
                } catch (RuntimeException failed) {
                    throw DatabaseOutages.isOutage(failed)
                            ? unavailable(i, events.get(i), failed)
                            : failedAt(i, events.get(i), failed);
                }
            }
        }
    }

    private BatchListenerFailedException unavailable(int index, RecordedEvent event, RuntimeException failure) {
        metrics.databaseUnavailable();
        log.warn("the database is unavailable ({}); {} and the records after it wait for it", failure, event);
        return new BatchListenerFailedException(
                "cannot apply " + event + " now", new DatabaseUnavailableException(failure), index);
    }

    /** A record the database refuses for its content fails the same way every time: not worth retrying. */
    private static BatchListenerFailedException failedAt(int index, RecordedEvent event, RuntimeException failure) {
        RuntimeException cause = failure instanceof DataIntegrityViolationException
                ? new NonRetryableException("the read model refuses " + event + ": " + failure.getMessage(), failure)
                : failure;
        return new BatchListenerFailedException("cannot apply " + event + ": " + cause.getMessage(), cause, index);
    }
}
