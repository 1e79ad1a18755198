package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.PoisonRecordException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A decoded lifecycle event with where it was read and its JSON exactly as it arrived. */
record RecordedEvent(PipelineEvent event, String topic, int partition, long offset, String payload) {

    /**
     * The event of a record, refused as poison when the record's key is not its generation id: such a record sits on
     * the partition of another generation, so its order against the generation's other events means nothing.
     */
    static RecordedEvent of(ConsumerRecord<String, byte[]> record, PipelineEvent event) {
        if (!event.generationId().toString().equals(record.key())) {
            throw new PoisonRecordException("the record's key " + record.key() + " is not the generation id "
                    + event.generationId() + " of its " + event.type());
        }
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
