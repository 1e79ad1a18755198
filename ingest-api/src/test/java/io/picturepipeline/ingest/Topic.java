package io.picturepipeline.ingest;

import io.picturepipeline.infra.TestInfrastructure;
import io.picturepipeline.infra.TopicReader;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.PipelineEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What is on a topic right now, read from its beginning ({@link TopicReader}), decoded for the assertions. */
public final class Topic {

    private static final EventCodec CODEC = new EventCodec();

    private Topic() {}

    public static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return new TopicReader(TestInfrastructure.shared().kafkaBootstrap()).readAll(topic);
    }

    /** Every {@code GenerationRequested} on the topic submitted by {@code owner}. */
    public static List<GenerationRequested> requestedBy(String topic, String owner) {
        return records(topic).stream()
                .map(record -> CODEC.decode(record.value()))
                .filter(GenerationRequested.class::isInstance)
                .map(GenerationRequested.class::cast)
                .filter(event -> event.owner().equals(owner))
                .toList();
    }

    public static PipelineEvent decode(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(record.value());
    }
}
