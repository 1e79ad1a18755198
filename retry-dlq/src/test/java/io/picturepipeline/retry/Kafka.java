package io.picturepipeline.retry;

import io.picturepipeline.infra.TestInfrastructure;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients on the shared test broker: send records, read topics from the beginning (no group). */
public final class Kafka {

    public static final EventCodec CODEC = new EventCodec();
    private static KafkaProducer<String, byte[]> producer;

    private Kafka() {}

    public static String bootstrap() {
        return TestInfrastructure.shared().kafkaBootstrap();
    }

    public static synchronized RecordMetadata send(ProducerRecord<String, byte[]> record) {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap(),
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            // like a foreign producer that compresses: records larger than the pipeline's own limit
                            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                            4 * 1024 * 1024,
                            ProducerConfig.COMPRESSION_TYPE_CONFIG,
                            "lz4"),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, partition, key, value));
    }

    public static RecordMetadata publish(String topic, PipelineEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, event.generationId().toString(), CODEC.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        return send(record);
    }

    /** Every record of {@code topic} with this key, as of now. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    public static <T extends PipelineEvent> List<T> events(String topic, String key, Class<T> type) {
        return records(topic, key).stream()
                .map(r -> CODEC.decode(r.value()))
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
