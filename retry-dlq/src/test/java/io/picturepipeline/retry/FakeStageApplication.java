package io.picturepipeline.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A service shaped like a stage: a main listener on {@code pipeline.download} and a {@link StageHandler} bean, so
 * {@code retry-dlq} registers its retry tiers; plus a listener on a topic without tiers, like the projection's.
 */
@SpringBootApplication
class FakeStageApplication {

    static final String UNTIERED = "fake.untiered";
    static final String BATCHED = "fake.batched";

    private final FakeStage stage = new FakeStage();
    private final FakeStage untiered = new FakeStage();
    private final FakeStage batched = new FakeStage();

    @Bean
    FakeStage fakeStage() {
        return stage;
    }

    @Bean
    StageHandler fakeDownloadStage() {
        return stage.handler();
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    NewTopic untieredTopic() {
        return new NewTopic(UNTIERED, 1, (short) 1);
    }

    @Bean
    NewTopic untieredDeadLetters() {
        return new NewTopic(Topics.deadLetter(UNTIERED), 1, (short) 1);
    }

    @Bean
    FakeStage untieredStage() {
        return untiered;
    }

    @Bean
    NewTopic batchedTopic() {
        return new NewTopic(BATCHED, 1, (short) 1);
    }

    @Bean
    NewTopic batchedDeadLetters() {
        return new NewTopic(Topics.deadLetter(BATCHED), 1, (short) 1);
    }

    @Bean
    FakeStage batchedStage() {
        return batched;
    }

    @KafkaListener(id = FakeStage.GROUP, groupId = FakeStage.GROUP, topics = Topics.DOWNLOAD)
    void onDownload(ConsumerRecord<String, byte[]> record) {
        stage.handle(record);
    }

    @KafkaListener(id = "fake-untiered", groupId = "fake-untiered", topics = UNTIERED)
    void onUntiered(ConsumerRecord<String, byte[]> record) {
        untiered.handle(record);
    }

    /** Shaped like the projection's listener: a batch, and the index of the record that failed. */
    @KafkaListener(id = "fake-batched", groupId = "fake-batched", topics = BATCHED, batch = "true")
    void onBatch(java.util.List<ConsumerRecord<String, byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                batched.handle(records.get(i));
            } catch (RuntimeException failed) {
                throw new org.springframework.kafka.listener.BatchListenerFailedException(
                        "cannot apply " + records.get(i).offset(), failed, i);
            }
        }
    }
}
