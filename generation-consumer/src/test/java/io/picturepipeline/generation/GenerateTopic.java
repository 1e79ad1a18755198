package io.picturepipeline.generation;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationParameters;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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

/** What the ingest-api's relay would publish to the stage: requests on the generate topic, one record at a time. */
final class GenerateTopic implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final KafkaProducer<String, byte[]> producer;

    GenerateTopic(String kafkaBootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG,
                "all"));
    }

    /** A request for a small SDXL image; the prompt names the generation, so provider-side lookups are exact. */
    static GenerationRequested request(String prompt) {
        UUID id = UUID.randomUUID();
        return GenerationRequested.of(
                id,
                Instant.now(),
                "alice",
                new GenerationParameters(
                        prompt + " #" + id, null, "stability-ai/sdxl", 512, 512, 20, 7.5, 42L, null, null, 1));
    }

    /** As {@link #request(String)}, for another model: FLUX Schnell at 1024x1024 (its 1:1), the others at 512x512. */
    static GenerationRequested request(String model, String prompt) {
        UUID id = UUID.randomUUID();
        int side = model.startsWith("black-forest-labs/") ? 1024 : 512;
        return GenerationRequested.of(
                id,
                Instant.now(),
                "alice",
                new GenerationParameters(prompt + " #" + id, null, model, side, side, 4, 0, 42L, null, null, 1));
    }

    /** Keyed by the generation id, with the type header, as the relay publishes it; returns once the broker has it. */
    RecordMetadata publish(GenerationRequested requested) {
        return send(record(requested, null));
    }

    /** The record the relay would publish for {@code requested}, on {@code partition} (null: the key decides). */
    static ProducerRecord<String, byte[]> record(GenerationRequested requested, Integer partition) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                Topics.GENERATE, partition, requested.generationId().toString(), CODEC.encode(requested));
        record.headers().add(EventHeaders.TYPE, requested.type().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Publishes {@code records} in one Kafka transaction, so a consumer's poll can get them all at once. */
    static List<RecordMetadata> inOneTransaction(String kafkaBootstrap, List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafkaBootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "generate-topic-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent =
                    records.stream().map(producer::send).toList();
            producer.commitTransaction();
            List<RecordMetadata> metadata = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                metadata.add(future.get());
            }
            return metadata;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
