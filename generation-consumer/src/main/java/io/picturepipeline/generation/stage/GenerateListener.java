package io.picturepipeline.generation.stage;

import io.picturepipeline.generation.admission.AdmissionQueue;
import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code pipeline.generate} (group {@code generation-consumer}): each requested generation is recorded in
 * the {@link AdmissionQueue}, which hands it to {@link GenerateStage} when its turn comes (priority, fair share,
 * {@code notBefore}); the offset is committed after that insert. A record ops replayed from the dead-letter topic
 * goes to the stage at once: one record, one short call that starts a prediction and returns, so offsets are
 * committed within a create call's time, never a generation's.
 *
 * <p><b>Back-pressure</b> (replays; everything else waits in the admission table): when {@code max-in-flight}
 * predictions are running, the record is negatively acknowledged: spring-kafka seeks back to it and pauses the
 * consumer for {@code backpressure-pause} while it keeps polling the broker (no rebalance, no blocked thread), then
 * delivers it again — until a slot is free.
 *
 * <p>Failures go to the shared failure policy of {@code retry-dlq}: poison is dead-lettered on first sight, a
 * permanent failure fails the generation, a transient one goes to the backoff tiers
 * ({@code pipeline.generate-retry-<n>}), whose containers call the same {@link GenerateStage}.
 */
@Component
class GenerateListener {

    static final String ID = "generation-consumer";

    private final StageHandler stage;
    private final AdmissionQueue admission;

    GenerateListener(GenerateStage stage, AdmissionQueue admission) {
        this.stage = stage;
        this.admission = admission;
    }

    @KafkaListener(id = ID, groupId = ID, topics = Topics.GENERATE)
    void onGenerationRequested(ConsumerRecord<String, byte[]> record, Acknowledgment ack) {
        if (admission.take(record)) {
            ack.acknowledge();
            return;
        }
        if (stage.handle(record) == StageHandler.Outcome.DEFERRED) {
            ack.nack(stage.deferral());
            return;
        }
        ack.acknowledge();
    }
}
