package io.picturepipeline.projection.lifecycle;

import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.PoisonRecordException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies replayed lifecycle records through the same {@link LifecycleProjector} as the live listener. What the live
 * listener dead-letters (poison, a record the read model refuses) was dead-lettered when it first came by: the
 * replay skips it, logs it and counts it. A database outage ends the rebuild.
 */
@Component
class ReplayApplier {

    private static final Logger log = LoggerFactory.getLogger(ReplayApplier.class);

    private final EventCodec codec;
    private final LifecycleProjector projector;
    private long skipped;

    ReplayApplier(EventCodec codec, LifecycleProjector projector) {
        this.codec = codec;
        this.projector = projector;
    }

    void apply(List<ConsumerRecord<String, byte[]>> records) {
        List<RecordedEvent> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                decoded.add(RecordedEvent.of(record, codec.decode(record.value())));
            } catch (PoisonRecordException poison) {
                skip(record.topic() + "-" + record.partition() + "@" + record.offset(), poison);
            }
        }
        try {
            projector.project(decoded);
        } catch (RuntimeException batchFailed) {
            if (DatabaseOutages.isOutage(batchFailed)) {
                throw batchFailed;
            }
            for (RecordedEvent event : decoded) {
                try {
                    projector.project(List.of(event));
                } catch (RuntimeException failed) {
                    if (DatabaseOutages.isOutage(failed)) {
                        throw failed;
                    }
                    skip(event.toString(), failed);
                }
            }
        }
    }

    long skipped() {
        return skipped;
    }

    private void skip(String record, RuntimeException why) {
        skipped++;
        log.warn("skipped {}, as the live projection dead-letters it: {}", record, why.toString());
    }
}
