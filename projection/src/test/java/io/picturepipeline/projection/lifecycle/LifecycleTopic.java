package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The lifecycle topic as the stages see it: a plain producer, plus what the tests need to watch. */
final class LifecycleTopic {

    private final EventCodec codec = new EventCodec();
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    LifecycleTopic(Infrastructure infrastructure) {
        this.bootstrap = infrastructure.kafkaBootstrap();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** Publishes in order, keyed by generation id, and returns where the last one landed. */
    RecordMetadata publish(List<? extends PipelineEvent> events) {
        RecordMetadata last = null;
        for (PipelineEvent event : events) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.LIFECYCLE, event.generationId().toString(), codec.encode(event));
            record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
            last = send(record);
        }
        return last;
    }

    /** Publishes without waiting for each record (keyed by generation id), then waits for all of them. */
    void publishAll(List<? extends PipelineEvent> events) {
        for (PipelineEvent event : events) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(Topics.LIFECYCLE, event.generationId().toString(), codec.encode(event));
            record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        producer.flush();
    }

    RecordMetadata publishRaw(String key, byte[] value) {
        return send(new ProducerRecord<>(Topics.LIFECYCLE, key, value));
    }

    /** Whether the projection's consumer group has committed past this record, i.e. applied it. */
    boolean consumed(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("projection")
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition(record.topic(), record.partition()));
            return committed != null && committed.offset() > record.offset();
        }
    }

    /** Whether the projection's consumer group has committed every partition of the topic up to its end. */
    boolean allConsumed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("projection")
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LIFECYCLE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return consumer.endOffsets(partitions).entrySet().stream()
                    .allMatch(end -> end.getValue() == 0
                            || (committed.get(end.getKey()) != null
                                    && committed.get(end.getKey()).offset() >= end.getValue()));
        }
    }

    /** Every record with this key on the lifecycle topic's dead-letter topic, read from the start to its end. */
    List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return new TopicReader(bootstrap).records(Topics.deadLetter(Topics.LIFECYCLE), key);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
