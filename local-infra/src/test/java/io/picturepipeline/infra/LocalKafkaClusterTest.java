package io.picturepipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaClusterTest {

    @Test
    void acknowledgedRecordsSurviveTheLeadersDeathAndBelowMinIsrProducersAreRefused(@TempDir Path dir)
            throws Exception {
        try (LocalKafkaCluster cluster = LocalKafkaCluster.start(dir, 3)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
                admin.createTopics(List.of(
                                new NewTopic("probe", 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> producerConfig = Map.of(
                    "bootstrap.servers",
                    cluster.bootstrapServers(),
                    "acks",
                    "all",
                    "delivery.timeout.ms",
                    20000,
                    "request.timeout.ms",
                    5000);
            try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "one")).get(30, TimeUnit.SECONDS);

                LocalKafka leader = cluster.leaderOf("probe", 0).orElseThrow();
                // kill -9: the controller re-elects a leader from the ISR once the broker's session expires
                leader.kill();
                producer.send(new ProducerRecord<>("probe", "k", "two")).get(30, TimeUnit.SECONDS);
                assertThat(cluster.leaderOf("probe", 0)).get().isNotEqualTo(leader);

                LocalKafka second = cluster.leaderOf("probe", 0).orElseThrow();
                second.stop();
            }
            Map<String, Object> impatient = new HashMap<>(producerConfig);
            impatient.put("delivery.timeout.ms", 6000);
            impatient.put("request.timeout.ms", 3000);
            try (var producer = new KafkaProducer<>(impatient, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("probe", "k", "three"))
                                .get(30, TimeUnit.SECONDS))
                        // NotEnoughReplicas is retriable: the producer retries it until its delivery timeout
                        .isInstanceOf(ExecutionException.class);
            }
            cluster.brokers().parallelStream().forEach(LocalKafka::start);
            assertThat(readAll(cluster)).containsExactly("one", "two");
        }
    }

    private static List<String> readAll(LocalKafkaCluster cluster) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("probe", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
