package io.picturepipeline.ingest;

import io.picturepipeline.infra.TestInfrastructure;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PipelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning with a plain consumer (no group): what is on it right now. */
public final class Topic {

    private static final EventCodec CODEC = new EventCodec();

    private Topic() {}

    public static List<ConsumerRecord<String, byte[]>> records(String topic) {
        Properties config = new Properties();
        config.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.shared().kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Every {@code GenerationRequested} on the topic submitted by {@code owner}. */
    public static List<GenerationRequested> requestedBy(String topic, String owner) {
        return records(topic).stream()
                .map(record -> CODEC.decode(record.value()))
                .filter(GenerationRequested.class::isInstance)
                .map(GenerationRequested.class::cast)
                .filter(event -> event.owner().equals(owner))
                .toList();
    }

    public static PipelineEvent decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(record.value());
    }
}
