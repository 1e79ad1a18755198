package io.picturepipeline.testsupport;

import io.picturepipeline.schemas.PipelineEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from their beginning into memory, on its own thread, for assertions (no consumer group, committed
 * records only): for a test class that asks many times about topics that keep growing. It shows only what it has
 * read so far, so a test waits for what it expects (Awaitility); {@link TopicEvents} reads a topic to its end instead.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicRecorder(String bootstrap, Collection<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
        List<TopicPartition> partitions = topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream())
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException closing) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** The records of {@code topic} keyed by {@code key} read so far, in the order read. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, UUID key) {
        return records.stream()
                .filter(r -> r.topic().equals(topic) && key.toString().equals(r.key()))
                .toList();
    }

    public List<PipelineEvent> events(String topic, UUID generationId) {
        return TopicEvents.ofType(records(topic, generationId), PipelineEvent.class);
    }

    public <T extends PipelineEvent> List<T> events(String topic, UUID generationId, Class<T> type) {
        return TopicEvents.ofType(records(topic, generationId), type);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
