package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PipelineEvent;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record of {@code pipeline.lifecycle} read beside the projection (the stages' cancellation feeds, the ingest-api's
 * event streams): decoded, or skipped when it cannot be, since dead-lettering lifecycle records is the projection's
 * job.
 */
public final class LifecycleRecords {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRecords.class);

    private LifecycleRecords() {}

    public static Optional<PipelineEvent> decode(EventCodec codec, ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(codec.decode(record.value()));
        } catch (RuntimeException e) {
            log.debug(
                    "skipping undecodable lifecycle record {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return Optional.empty();
        }
    }
}
