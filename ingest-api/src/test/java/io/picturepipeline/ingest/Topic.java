package io.picturepipeline.ingest;

import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.testsupport.TestInfrastructure;
import io.picturepipeline.testsupport.TopicEvents;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What is on a topic of the shared test broker right now ({@link TopicEvents}), as the ingest-api's tests ask it. */
public final class Topic {

    private Topic() {}

    public static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return new TopicEvents(TestInfrastructure.shared().kafkaBootstrap()).records(topic);
    }

    /** Every {@code GenerationRequested} on the topic submitted by {@code owner}. */
    public static List<GenerationRequested> requestedBy(String topic, String owner) {
        return TopicEvents.ofType(records(topic), GenerationRequested.class).stream()
                .filter(event -> event.owner().equals(owner))
                .toList();
    }

    public static PipelineEvent decode(ConsumerRecord<String, byte[]> record) {
        return TopicEvents.decode(record);
    }
}
