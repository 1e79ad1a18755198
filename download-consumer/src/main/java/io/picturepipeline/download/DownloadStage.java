package io.picturepipeline.download;

import io.picturepipeline.retry.TypedStageHandler;
import io.picturepipeline.schemas.EventCodec;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.Stage;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One {@code ImagesGenerated}, from {@code pipeline.download} or one of its retry tiers: download its outputs. Being a
 * stage handler bean is what gives the stage its backoff tiers: {@code retry-dlq} consumes {@code
 * pipeline.download-retry-<n>} (groups {@code download-consumer-retry-<n>}) with it.
 */
@Component
class DownloadStage extends TypedStageHandler<ImagesGenerated> {

    private static final Logger log = LoggerFactory.getLogger(DownloadStage.class);

    private final DownloadService service;

    DownloadStage(EventCodec codec, DownloadService service) {
        super(Stage.DOWNLOAD, DownloadListener.GROUP, ImagesGenerated.class, codec);
        this.service = service;
    }

    @Override
    protected Outcome handle(ImagesGenerated event, Instant publishedAt) {
        DownloadService.Outcome outcome = service.download(event);
        log.info("download of {} output(s): {}", event.outputUrls().size(), outcome);
        return Outcome.DONE;
    }
}
