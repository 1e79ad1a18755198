package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.admission.AdmissionQueue;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code pipeline.generate} (group {@code generation-consumer}) a poll batch at a time: the requested
 * generations of a batch are recorded in the {@link AdmissionQueue} with one multi-row insert, which hands each to
 * {@link GenerateStage} when its turn comes (priority, fair share, {@code notBefore}); the offsets are committed after
 * that insert, and a redelivered batch inserts nothing. A poison record of the batch (undecodable, or keyed by
 * another id) goes to the shared failure policy (the dead-letter topic, with its reason) after the others are taken.
 *
 * <p>A record ops replayed from the dead-letter topic goes to the stage at once: one record, one short call that
 * starts a prediction and returns. A poll holds at most one such call: what the batch has after a replay is sought
 * back and fetched again, so {@link RecordTimeBudget}'s bound (one record's worst case, times the factory's {@code
 * max.poll.records}) still covers this listener, whose larger batches are inserts only.
 *
 * <p><b>Back-pressure</b> (replays; everything else waits in the admission table): when {@code max-in-flight}
 * predictions are running, the replay is negatively acknowledged: spring-kafka commits the records before it, seeks
 * back to it and pauses the consumer for {@code backpressure-pause} while it keeps polling the broker (no rebalance,
 * no blocked thread), then delivers it again — until a slot is free.
 *
 * <p>Failures go to the shared failure policy of {@code retry-dlq}: poison is dead-lettered on first sight, a
 * permanent failure fails the generation, a transient one goes to the backoff tiers
 * ({@code pipeline.generate-retry-<n>}), whose containers call the same {@link GenerateStage}. A batch insert that
 * fails is tried again record by record, so only the record that cannot be recorded is routed on.
 */
@Component
class GenerateListener {

    static final String ID = "generation-consumer";

    private static final Logger log = LoggerFactory.getLogger(GenerateListener.class);

    private final StageHandler stage;
    private final AdmissionQueue admission;
    private final ConsumerRecordRecoverer failurePolicy;

    GenerateListener(GenerateStage stage, AdmissionQueue admission, ConsumerRecordRecoverer failurePolicy) {
        this.stage = stage;
        this.admission = admission;
        this.failurePolicy = failurePolicy;
    }

    @KafkaListener(
            id = ID,
            groupId = ID,
            topics = Topics.GENERATE,
            batch = "true",
            properties = "max.poll.records=${pipeline.generation.admission.take-batch:500}")
    void onGenerationsRequested(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        List<AdmissionQueue.Queued> queued = new ArrayList<>();
        List<AdmissionQueue.Poison> poison = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            AdmissionQueue.Taken taken = admission.sort(records.get(i));
            if (taken instanceof AdmissionQueue.Queued q) {
                queued.add(q);
            } else if (taken instanceof AdmissionQueue.Poison p) {
                poison.add(p);
            } else {
                take(queued, poison);
                replay(records, i, ack);
                return;
            }
        }
        take(queued, poison);
        ack.acknowledge();
    }

    /** Records the queued ones in one insert, then routes the poison; on a failed insert, record by record. */
    private void take(List<AdmissionQueue.Queued> queued, List<AdmissionQueue.Poison> poison) {
        try {
            admission.take(queued);
        } catch (RuntimeException batchFailed) {
            log.warn("recording {} generations at once failed; trying them one by one", queued.size(), batchFailed);
            for (AdmissionQueue.Queued one : queued) {
                try {
                    admission.take(List.of(one));
                } catch (RuntimeException failed) {
                    failurePolicy.accept(one.record(), failed);
                }
            }
        }
        poison.forEach(p -> {
            log.warn(
                    "poison record {} at offset {}: {}",
                    p.record().key(),
                    p.record().offset(),
                    p.reason().getMessage());
            failurePolicy.accept(p.record(), p.reason());
        });
        queued.clear();
        poison.clear();
    }

    /** The replayed record at {@code index} goes to the stage; what follows it in the batch is fetched again. */
    private void replay(List<ConsumerRecord<String, byte[]>> records, int index, Acknowledgment ack) {
        ConsumerRecord<String, byte[]> record = records.get(index);
        StageHandler.Outcome outcome;
        try {
            outcome = stage.handle(record);
        } catch (RuntimeException failed) {
            // the shared error handler commits the records before it, routes it, and seeks back to the rest
            throw new BatchListenerFailedException("replayed generation " + record.key() + " failed", failed, index);
        }
        if (outcome == StageHandler.Outcome.DEFERRED) {
            ack.nack(index, stage.deferral());
        } else if (index + 1 < records.size()) {
            ack.nack(index + 1, Duration.ZERO);
        } else {
            ack.acknowledge();
        }
    }
}
