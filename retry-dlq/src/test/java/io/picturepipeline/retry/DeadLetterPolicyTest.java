package io.picturepipeline.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.picturepipeline.infra.TestInfrastructure;
import io.picturepipeline.schemas.DeadLettered;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Stage;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shared failure policy on a real broker, through a listener shaped like a stage's. */
@SpringBootTest(classes = DeadLetterPolicyTest.FakeStage.class)
class DeadLetterPolicyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.kafka.bootstrap-servers",
                () -> TestInfrastructure.shared().kafkaBootstrap());
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
        registry.add("pipeline.kafka.replication-factor", () -> "1");
        registry.add("pipeline.kafka.min-insync-replicas", () -> "1");
    }

    @Autowired
    FakeStage stage;

    @Test
    void aPoisonRecordIsDeadLetteredOnFirstSightAndTheNextRecordStillProcessed() {
        UUID poison = UUID.randomUUID();
        UUID good = UUID.randomUUID();

        send(poison, "{not json".getBytes(StandardCharsets.UTF_8));
        send(good, new EventCodec().encode(images(good)));

        await().atMost(TIMEOUT).until(() -> stage.processed.contains(good));
        ConsumerRecord<String, byte[]> deadLetter = awaitRecord(Topics.deadLetter(Topics.DOWNLOAD), poison);
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).contains("PoisonRecordException");
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.DOWNLOAD);
        assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-stacktrace"))
                .as("the stack trace header is unbounded and left out")
                .isNull();
        assertThat(stage.attempts.get(poison).get()).isEqualTo(1);

        PipelineEvent announced =
                new EventCodec().decode(awaitRecord(Topics.LIFECYCLE, poison).value());
        assertThat(announced).isInstanceOfSatisfying(DeadLettered.class, d -> {
            assertThat(d.stage()).isEqualTo(Stage.DOWNLOAD);
            assertThat(d.deadLetterTopic()).isEqualTo("pipeline.download-dlt");
            assertThat(d.errorClass()).isEqualTo("PoisonRecordException");
        });
    }

    @Test
    void aTransientFailureIsRetriedInPlaceAndThenProcessedOnce() {
        UUID flaky = UUID.randomUUID();
        stage.failuresToInject.put(flaky, new AtomicInteger(2));

        send(flaky, new EventCodec().encode(images(flaky)));

        await().atMost(TIMEOUT).until(() -> stage.processed.contains(flaky));
        assertThat(stage.attempts.get(flaky).get()).isEqualTo(3);
        assertThat(stage.processed).containsOnlyOnce(flaky);
    }

    @Test
    void aFailureThatNeverPassesIsDeadLetteredAfterTheRetries() {
        UUID broken = UUID.randomUUID();
        stage.failuresToInject.put(broken, new AtomicInteger(Integer.MAX_VALUE));

        send(broken, new EventCodec().encode(images(broken)));

        ConsumerRecord<String, byte[]> deadLetter = awaitRecord(Topics.deadLetter(Topics.DOWNLOAD), broken);
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).contains("TransientException");
        assertThat(stage.attempts.get(broken).get()).isEqualTo(3);
        assertThat(stage.processed).doesNotContain(broken);
    }

    @Test
    void theDeadLetterTopicOfARetryTopicIsItsStagesOne() {
        assertThat(DeadLetterPolicy.deadLetterTopicOf("pipeline.generate-retry-2"))
                .isEqualTo("pipeline.generate-dlt");
        assertThat(DeadLetterPolicy.deadLetterTopicOf("pipeline.download")).isEqualTo("pipeline.download-dlt");
    }

    private static ImagesGenerated images(UUID id) {
        return ImagesGenerated.of(id, Instant.now(), "alice", "p-1", List.of("http://provider/0.png"), 8, 8);
    }

    private static void send(UUID key, byte[] value) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestInfrastructure.shared().kafkaBootstrap()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOWNLOAD, key.toString(), value));
        }
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, UUID key) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", TestInfrastructure.shared().kafkaBootstrap()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.toString().equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SpringBootApplication
    static class FakeStage {

        final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();
        final List<UUID> processed = new CopyOnWriteArrayList<>();
        private final EventCodec codec = new EventCodec();

        @KafkaListener(topics = Topics.DOWNLOAD, groupId = "dead-letter-policy-test")
        void on(ConsumerRecord<String, byte[]> record) {
            UUID id = UUID.fromString(record.key());
            attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            ImagesGenerated event = codec.decode(record.value(), ImagesGenerated.class);
            AtomicInteger failures = failuresToInject.get(event.generationId());
            if (failures != null && failures.getAndDecrement() > 0) {
                throw new TransientException("provider answered 503", null, null);
            }
            processed.add(event.generationId());
        }
    }
}
