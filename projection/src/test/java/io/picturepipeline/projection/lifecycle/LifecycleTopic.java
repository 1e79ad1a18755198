package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.infra.Infrastructure;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.Topics;
import io.picturepipeline.testsupport.TopicEvents;
import io.picturepipeline.testsupport.TopicWriter;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** The lifecycle topic as the stages write it, and how far the projection's consumer group has read it. */
final class LifecycleTopic {

    private static final String GROUP = "projection";

    private final TopicWriter writer;
    private final TopicEvents topics;

    LifecycleTopic(Infrastructure infrastructure) {
        this.writer = new TopicWriter(infrastructure.kafkaBootstrap());
        this.topics = new TopicEvents(infrastructure.kafkaBootstrap());
    }

    /** Publishes in order, keyed by generation id, and returns where the last one landed. */
    RecordMetadata publish(List<? extends PipelineEvent> events) {
        return writer.publishInOrder(Topics.LIFECYCLE, events);
    }

    /** Publishes without waiting for each record (keyed by generation id), then waits for all of them. */
    void publishAll(List<? extends PipelineEvent> events) {
        writer.publishAll(Topics.LIFECYCLE, events);
    }

    RecordMetadata publishRaw(String key, byte[] value) {
        return writer.send(Topics.LIFECYCLE, null, key, value);
    }

    /** Whether the projection's consumer group has committed past this record, i.e. applied it. */
    boolean consumed(RecordMetadata record) {
        return topics.committedOffset(GROUP, new TopicPartition(record.topic(), record.partition())) > record.offset();
    }

    /** Whether the projection's consumer group has committed every partition of the topic up to its end. */
    boolean allConsumed() {
        return topics.consumedToTheEnd(GROUP, Topics.LIFECYCLE);
    }

    /** Every record with this key on the lifecycle topic's dead-letter topic, read from the start to its end. */
    List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return topics.records(Topics.deadLetter(Topics.LIFECYCLE), key);
    }
}
