package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A decoded lifecycle event with where it was read and its JSON exactly as it arrived. */
record RecordedEvent(PipelineEvent event, String topic, int partition, long offset, String payload) {

    static RecordedEvent of(ConsumerRecord<String, byte[]> record, PipelineEvent event) {
        return new RecordedEvent(
                event,
                record.topic(),
                record.partition(),
                record.offset(),
                new String(record.value(), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return event.type() + " " + event.eventId() + " of generation " + event.generationId() + " (" + topic + "-"
                + partition + "@" + offset + ")";
    }
}
