package io.picturepipeline.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.picturepipeline.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The feed's start-up against the real broker: a zero API timeout makes the offset lookup fail deterministically (the
 * way a slow broker makes it time out), and the feed must still go live, and pick up a later partition, on the retry.
 */
class FeedAssignmentTest {

    private static final Duration ENOUGH = Duration.ofSeconds(30);

    @Test
    void anOffsetLookupThatTimesOutIsRetriedUntilTheFeedIsLive() throws Exception {
        String bootstrap = TestInfrastructure.shared().kafkaBootstrap();
        String topic = "feed-assignment-" + UUID.randomUUID();
        TopicPartition first = new TopicPartition(topic, 0);
        TopicPartition later = new TopicPartition(topic, 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i)).get();
                producer.send(new ProducerRecord<>(topic, 1, null, "r" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            FeedAssignment feed = new FeedAssignment(1);

            assertThatThrownBy(() -> feed.assign(consumer, List.of(first), Duration.ZERO))
                    .isInstanceOf(TimeoutException.class);
            assertThat(feed.live()).isFalse();
            assertThat(consumer.assignment()).as("nothing half-assigned").isEmpty();

            assertThat(feed.assign(consumer, List.of(first), ENOUGH))
                    .as("the retry starts the partition one record (the backfill) before its end")
                    .containsExactly(entry(first, 2L));
            assertThat(feed.live()).isTrue();
            assertThat(consumer.position(first)).isEqualTo(2L);

            assertThatThrownBy(() -> feed.assign(consumer, List.of(first, later), Duration.ZERO))
                    .isInstanceOf(TimeoutException.class);
            assertThat(consumer.assignment()).containsExactly(first);
            assertThat(feed.assign(consumer, List.of(first, later), ENOUGH))
                    .as("a partition added later starts at its beginning, also on a retry")
                    .containsExactly(entry(later, 0L));
            assertThat(consumer.assignment()).containsExactlyInAnyOrder(first, later);
            assertThat(consumer.position(first)).isEqualTo(2L);
            assertThat(feed.assign(consumer, List.of(first, later), ENOUGH)).isEmpty();
        }
    }
}
