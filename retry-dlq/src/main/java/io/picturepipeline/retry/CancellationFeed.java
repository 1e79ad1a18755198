package io.picturepipeline.retry;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.EventHeaders;
import io.picturepipeline.schemas.GenerationCancelled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Owners' cancels from {@code pipeline.lifecycle}, handed to a stage's {@link CancellationSubscriber}s. Records of
 * other types (by their {@code pp-type} header) are passed over unread; an undecodable record is skipped
 * (dead-lettering lifecycle records is the projection's job).
 */
public final class CancellationFeed implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(CancellationFeed.class);
    private static final String CANCELLED = GenerationCancelled.class.getSimpleName();

    private final EventCodec codec;
    private final List<CancellationSubscriber> subscribers;

    public CancellationFeed(EventCodec codec, List<CancellationSubscriber> subscribers) {
        this.codec = codec;
        this.subscribers = List.copyOf(subscribers);
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        cancelOf(record).ifPresent(cancel -> {
            log.info("generation {}: cancelled by its owner", cancel.generationId());
            subscribers.forEach(subscriber -> subscriber.cancelled(cancel));
        });
    }

    private Optional<GenerationCancelled> cancelOf(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        if (type != null && !CANCELLED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return LifecycleRecords.decode(codec, record)
                .filter(GenerationCancelled.class::isInstance)
                .map(GenerationCancelled.class::cast);
    }
}
