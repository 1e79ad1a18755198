package io.picturepipeline.testsupport;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes test records as the pipeline does: an event keyed by its generation id with the type header, acknowledged
 * by every replica before the call returns (the producer's delivery timeout bounds the wait).
 */
public final class TopicWriter implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** A writer whose producer also takes {@code settings} (compression, a larger request size). */
    public TopicWriter(String bootstrap, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The record a stage or the relay publishes for {@code event}, on {@code partition} (null: the key decides). */
    public static ProducerRecord<String, byte[]> record(String topic, Integer partition, PipelineEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, partition, event.generationId().toString(), CODEC.encode(event));
        record.headers().add(EventHeaders.TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    public RecordMetadata publish(String topic, PipelineEvent event) {
        return send(record(topic, null, event));
    }

    /** Publishes one after the other, each acknowledged before the next, and returns where the last one landed. */
    public RecordMetadata publishInOrder(String topic, List<? extends PipelineEvent> events) {
        RecordMetadata last = null;
        for (PipelineEvent event : events) {
            last = publish(topic, event);
        }
        return last;
    }

    /** Publishes without waiting for each record, then waits for all of them. */
    public void publishAll(String topic, List<? extends PipelineEvent> events) {
        events.forEach(event -> producer.send(record(topic, null, event)));
        producer.flush();
    }

    public RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, partition, key, value));
    }

    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return acknowledged(producer.send(record));
    }

    /** Publishes {@code records} in one Kafka transaction, so a consumer's poll can get them all at once. */
    public static List<RecordMetadata> inOneTransaction(
            String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> transactional = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "test-writer-" + UUID.randomUUID()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            List<Future<RecordMetadata>> sent =
                    records.stream().map(transactional::send).toList();
            transactional.commitTransaction();
            List<RecordMetadata> metadata = new ArrayList<>();
            sent.forEach(future -> metadata.add(acknowledged(future)));
            return metadata;
        }
    }

    private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("not published: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
