package io.picturepipeline.projection.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic read from the beginning by a consumer of no group: it joins nothing and commits nothing, so the live
 * projection's group and offsets are untouched.
 */
final class TopicReplay implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private long read;

    /** {@code config}: the service's consumer settings (bootstrap, deserializers, isolation); the group is dropped. */
    TopicReplay(Map<String, Object> config, String topic, int batchSize) {
        Map<String, Object> replay = new HashMap<>(config);
        replay.remove(ConsumerConfig.GROUP_ID_CONFIG);
        replay.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        replay.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        replay.put(ConsumerConfig.CLIENT_ID_CONFIG, "projection-rebuild");
        consumer = new KafkaConsumer<>(replay);
        partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Hands every poll to {@code apply} until each partition is at least at its end offset as of this call (a poll
     * may bring records past it; they are applied too). Returns the records read by this call.
     */
    long toEnd(Consumer<List<ConsumerRecord<String, byte[]>>> apply) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long before = read;
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            consumer.poll(POLL).forEach(records::add);
            if (!records.isEmpty()) {
                apply.accept(records);
                read += records.size();
            }
        }
        return read - before;
    }

    long read() {
        return read;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
