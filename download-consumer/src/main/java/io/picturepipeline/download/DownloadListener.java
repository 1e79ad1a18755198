package io.picturepipeline.download;

import io.picturepipeline.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code pipeline.download} (group {@code download-consumer}) and hands each record to the
 * {@link DownloadStage}, as the containers of its retry tiers do. Failures go to the shared failure policy: poison is
 * dead-lettered on first sight, a refusal fails the generation, a transient failure goes to the backoff tiers.
 */
@Component
class DownloadListener {

    static final String GROUP = "download-consumer";

    private final DownloadStage stage;

    DownloadListener(DownloadStage stage) {
        this.stage = stage;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.DOWNLOAD)
    void onImagesGenerated(ConsumerRecord<String, byte[]> record) {
        stage.handle(record);
    }
}
