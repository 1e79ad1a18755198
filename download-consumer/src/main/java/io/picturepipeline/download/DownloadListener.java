package io.picturepipeline.download;

import io.picturepipeline.retry.StageHandler;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PoisonRecordException;
import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Receives download records — from {@code pipeline.download}, and through {@link #handle} from its retry tiers —
 * and hands each to {@link DownloadService}. Failures go to the shared failure policy: poison is dead-lettered on
 * first sight, a refusal fails the generation, a transient failure goes to the backoff tiers.
 */
@Component
class DownloadListener {

    static final String GROUP = "download-consumer";
    static final String MDC_GENERATION_ID = "generationId";

    private static final Logger log = LoggerFactory.getLogger(DownloadListener.class);

    private final EventCodec codec;
    private final DownloadService service;

    DownloadListener(EventCodec codec, DownloadService service) {
        this.codec = codec;
        this.service = service;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.DOWNLOAD)
    void onImagesGenerated(ConsumerRecord<String, byte[]> record) {
        handle(record);
    }

    StageHandler.Outcome handle(ConsumerRecord<String, byte[]> record) {
        MDC.put(MDC_GENERATION_ID, String.valueOf(record.key()));
        try {
            log.info("received {}-{}@{}", record.topic(), record.partition(), record.offset());
            ImagesGenerated event = codec.decode(record.value(), ImagesGenerated.class);
            if (!event.generationId().toString().equals(record.key())) {
                throw new PoisonRecordException("the record's key " + record.key()
                        + " is not the generation id of its event " + event.generationId());
            }
            DownloadService.Outcome outcome = service.download(event);
            log.info("download of {} output(s): {}", event.outputUrls().size(), outcome);
            return StageHandler.Outcome.DONE;
        } finally {
            MDC.remove(MDC_GENERATION_ID);
        }
    }
}
