package io.picturepipeline.retry;

import io.picturepipeline.schemas.Stage;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a stage does with one record of its topic, whichever topic it came from: the stage's main listener calls it,
 * and so do the listener containers of the stage's retry tiers, which {@code retry-dlq} registers for every
 * {@code StageHandler} bean — a stage joins the backoff tiers by declaring one. Stages extend
 * {@link TypedStageHandler}, which decodes the record and checks its key before the stage sees the typed event.
 *
 * <p>Failures are thrown: {@link TransientException} (and anything unexpected) goes to the next backoff tier,
 * {@link NonRetryableException} fails the generation, {@link io.picturepipeline.schemas.PoisonRecordException} is
 * dead-lettered on first sight.
 */
public interface StageHandler {

    enum Outcome {
        /** The record is processed: its offset may be committed. */
        DONE,
        /** The stage cannot take it now (back-pressure): offer it again after {@link #deferral()}. */
        DEFERRED
    }

    Stage stage();

    /**
     * The consumer group of the stage's main listener; its retry tiers use {@code <group>-retry-<tier>}, its
     * cancellation feed {@code <group>-cancellations}.
     */
    String group();

    Outcome handle(ConsumerRecord<String, byte[]> record);

    /** How long a {@link Outcome#DEFERRED} record waits before it is offered again. */
    default Duration deferral() {
        return Duration.ofSeconds(1);
    }

    /**
     * Whether the stage's retry tiers keep the records fetched after a failed one instead of seeking the partition
     * back ({@link KeepRemainingRecords}); its main listener opts in with {@code @KafkaListener(containerPostProcessor
     * = KeepRemainingRecords.BEAN)}. Off by default: the shared error handler seeks.
     */
    default boolean keepsRemainingRecords() {
        return false;
    }

    /**
     * A handler over a method reference, for a stage that is not a pipeline event stage (the ingest-api's webhook
     * deliveries); pipeline stages extend {@link TypedStageHandler}.
     */
    static StageHandler of(Stage stage, String group, Function<ConsumerRecord<String, byte[]>, Outcome> handler) {
        return new FunctionStageHandler(stage, group, handler, false);
    }

    /** As {@link #of}, with {@link #keepsRemainingRecords()} on. */
    static StageHandler keepingRemainingRecords(
            Stage stage, String group, Function<ConsumerRecord<String, byte[]>, Outcome> handler) {
        return new FunctionStageHandler(stage, group, handler, true);
    }
}
