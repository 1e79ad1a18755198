package io.picturepipeline.faults;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * Writes records straight to the pipeline's topics, past the API: poison records, and events a scenario needs on a
 * chosen partition. Compressed, with a large request size, so a record above the pipeline's own 1 MiB limit still
 * reaches the broker (which checks the compressed batch).
 */
public final class DirectPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();

    /** {@code clientProperties}: how to log in (SASL settings of a secured cluster), or none. */
    public DirectPublisher(String bootstrap, Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                16 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                64L * 1024 * 1024));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends and waits for the broker's acknowledgement. */
    public RecordMetadata send(String topic, @Nullable String key, byte[] value, @Nullable String type) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (type != null) {
            record.headers().add(new RecordHeader(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** An event as the pipeline writes it: keyed by its generation id, JSON from {@link EventCodec}. */
    public RecordMetadata send(String topic, PipelineEvent event) {
        return send(topic, event.generationId().toString(), codec.encode(event), event.type());
    }

    /** The same event to several topics, in order. */
    public void send(List<String> topics, PipelineEvent event) {
        topics.forEach(topic -> send(topic, event));
    }

    /** The partition the default partitioner picks for {@code key} among {@code partitions}. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A fresh generation id that lands on the same partition as {@code key}. */
    public static UUID idOnPartitionOf(String key, int partitions) {
        int target = partitionOf(key, partitions);
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate.toString(), partitions) == target) {
                return candidate;
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
