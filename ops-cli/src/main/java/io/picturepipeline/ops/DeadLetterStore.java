package io.picturepipeline.ops;

import io.picturepipeline.schemas.DeadLetterRef;
import io.picturepipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the dead-letter topics and the audit topic with {@code assign()} and no consumer group: it never joins or
 * commits any group, so it cannot move an application's offsets. Everything is read up to the end offsets of the
 * moment it starts (committed records only).
 */
final class DeadLetterStore implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    DeadLetterStore(Admin admin, Map<String, Object> clientConfig, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pp-dlq-cli-reader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The dead-letter topics on the cluster ({@code *-dlt}), sorted. */
    List<String> deadLetterTopics() {
        try {
            Set<String> names = admin.listTopics().names().get();
            return names.stream()
                    .filter(name -> name.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .sorted()
                    .toList();
        } catch (ExecutionException e) {
            throw new CliException(CliException.USAGE_OR_CONNECTION, "cannot list topics: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.USAGE_OR_CONNECTION, "interrupted", e);
        }
    }

    /** Every dead letter that matches, oldest first. */
    List<DeadLetter> deadLetters(Predicate<DeadLetter> filter) {
        List<DeadLetter> found = new ArrayList<>();
        read(deadLetterTopics(), record -> {
            DeadLetter deadLetter = DeadLetter.of(record);
            if (filter.test(deadLetter)) {
                found.add(deadLetter);
            }
        });
        found.sort(
                Comparator.comparing(DeadLetter::at).thenComparing(d -> d.ref().toString()));
        return found;
    }

    /** The dead letter at {@code ref}, if the topic holds a record there. */
    Optional<DeadLetter> find(DeadLetterRef ref) {
        TopicPartition partition = new TopicPartition(ref.topic(), ref.partition());
        List<PartitionInfo> partitions = consumer.partitionsFor(ref.topic(), timeout);
        if (partitions == null || partitions.stream().noneMatch(p -> p.partition() == ref.partition())) {
            return Optional.empty();
        }
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
        if (ref.offset() < begin || ref.offset() >= end) {
            return Optional.empty();
        }
        consumer.seek(partition, ref.offset());
        Progress progress = new Progress(List.of(partition));
        while (consumer.position(partition) < end) {
            progress.check();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() == ref.offset()) {
                    return Optional.of(DeadLetter.of(record));
                }
                if (record.offset() > ref.offset()) {
                    return Optional.empty(); // a transaction marker or an aborted record
                }
            }
        }
        return Optional.empty();
    }

    /** The state of every dead letter ops handled: the newest audit entry of each ref. */
    Map<String, AuditEntry> audit() {
        Map<String, AuditEntry> state = new HashMap<>();
        read(List.of(Topics.DLT_AUDIT), record -> {
            if (record.key() == null || record.value() == null) {
                return;
            }
            AuditEntry entry = AuditEntry.fromJson(record.value());
            if (entry != null) {
                state.put(record.key(), entry);
            }
        });
        return state;
    }

    private void read(List<String> topics, java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Progress progress = new Progress(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            progress.check();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }

    /** Fails the read when the positions stop moving for longer than the timeout: the broker went away. */
    private final class Progress {

        private final List<TopicPartition> partitions;
        private long positions = -1;
        private long since = System.nanoTime();

        Progress(List<TopicPartition> partitions) {
            this.partitions = partitions;
        }

        void check() {
            long now = System.nanoTime();
            long current = partitions.stream().mapToLong(consumer::position).sum();
            if (current != positions) {
                positions = current;
                since = now;
            } else if (now - since > timeout.toNanos()) {
                throw new CliException(
                        CliException.USAGE_OR_CONNECTION,
                        "Kafka stopped answering while reading "
                                + partitions.get(0).topic() + " (no progress within " + Durations.format(timeout)
                                + ")");
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
        admin.close(Duration.ofSeconds(1));
    }
}
