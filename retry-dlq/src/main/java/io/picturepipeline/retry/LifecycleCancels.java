package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.PipelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the stages that watch {@code pipeline.lifecycle} for owners' cancels: the {@code GenerationCancelled} of a
 * record, if it is one. Records of other types (by their {@code pp-type} header) are passed over unread; an
 * undecodable record is skipped (dead-lettering lifecycle records is the projection's job).
 */
public final class LifecycleCancels {

    private static final Logger log = LoggerFactory.getLogger(LifecycleCancels.class);
    private static final String CANCELLED = GenerationCancelled.class.getSimpleName();

    private LifecycleCancels() {}

    public static Optional<GenerationCancelled> of(ConsumerRecord<String, byte[]> record, EventCodec codec) {
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        if (type != null && !CANCELLED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        PipelineEvent event;
        try {
            event = codec.decode(record.value());
        } catch (RuntimeException e) {
            log.debug(
                    "skipping undecodable lifecycle record {}-{}@{}",
                    record.topic(),
                    record.partition(),
                    record.offset());
            return Optional.empty();
        }
        return event instanceof GenerationCancelled cancelled ? Optional.of(cancelled) : Optional.empty();
    }
}
