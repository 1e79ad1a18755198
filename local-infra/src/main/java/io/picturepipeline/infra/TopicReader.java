package io.picturepipeline.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads whole topics from the beginning to their end as of the call, outside any consumer group (committed records
 * only): the one topic reader of the tests and the fault suite.
 */
public final class TopicReader {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrap;
    private final Map<String, String> clientProperties;

    public TopicReader(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** A reader that logs in with {@code clientProperties} (SASL settings of a secured cluster). */
    public TopicReader(String bootstrap, Map<String, String> clientProperties) {
        this.bootstrap = bootstrap;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Every committed record of {@code topic}, partition by partition, each partition in offset order. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                config(Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        8 * 1024 * 1024,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        64 * 1024 * 1024)),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        records.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    /** Every committed record of {@code topic} with this key, in offset order. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return readAll(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** The names of the topics that exist now. */
    public Set<String> topics() {
        try (Admin admin = admin()) {
            return new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics: " + e.getMessage(), e);
        }
    }

    /** The ids of the consumer groups the broker knows. */
    public Set<String> groups() {
        try (Admin admin = admin()) {
            Set<String> groups = new TreeSet<>();
            admin.listGroups().all().get(30, TimeUnit.SECONDS).forEach(g -> groups.add(g.groupId()));
            return groups;
        } catch (Exception e) {
            throw new IllegalStateException("cannot list consumer groups: " + e.getMessage(), e);
        }
    }

    /**
     * Records not yet consumed, summed over the groups ({@code group → the topics it reads}) and their partitions; a
     * partition a group has no committed offset for counts from its beginning.
     */
    public long lag(Map<String, Set<String>> topicsByGroup) {
        try (Admin admin = admin();
                KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(config(Map.of()), new StringDeserializer(), new ByteArrayDeserializer())) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var entry : topicsByGroup.entrySet()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : entry.getValue()) {
                    if (!existing.contains(topic)) {
                        continue;
                    }
                    var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                    if (infos != null) {
                        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                    }
                }
                if (partitions.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
                var committed = admin.listConsumerGroupOffsets(entry.getKey())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                for (TopicPartition partition : partitions) {
                    var offset = committed.get(partition);
                    long position = offset == null ? begin.get(partition) : offset.offset();
                    lag += Math.max(0, end.get(partition) - position);
                }
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return Admin.create(config(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20000)));
    }

    private Map<String, Object> config(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(settings);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }
}
