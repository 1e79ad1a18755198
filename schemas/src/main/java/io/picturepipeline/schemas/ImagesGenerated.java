package io.picturepipeline.schemas;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The provider finished; its outputs wait at {@code outputUrls}. Published to the download topic and the
 * lifecycle topic.
 */
public record ImagesGenerated(
        UUID eventId,
        UUID generationId,
        Instant occurredAt,
        int schemaVersion,
        String owner,
        String predictionId,
        List<String> outputUrls,
        int width,
        int height)
        implements PipelineEvent {

    public static final int SCHEMA_VERSION = 1;

    public ImagesGenerated {
        Require.present(eventId, "eventId");
        Require.present(generationId, "generationId");
        Require.present(occurredAt, "occurredAt");
        Require.text(owner, "owner");
        Require.text(predictionId, "predictionId");
        outputUrls = List.copyOf(Require.present(outputUrls, "outputUrls"));
        if (outputUrls.isEmpty()) {
            throw new IllegalArgumentException("outputUrls must not be empty");
        }
    }

    public static ImagesGenerated of(
            UUID generationId,
            Instant at,
            String owner,
            String predictionId,
            List<String> outputUrls,
            int width,
            int height) {
        return new ImagesGenerated(
                EventIds.forFact(generationId, "generated"),
                generationId,
                at,
                SCHEMA_VERSION,
                owner,
                predictionId,
                outputUrls,
                width,
                height);
    }

    @Override
    public GenerationStatus resultingStatus() {
        return GenerationStatus.DOWNLOADING;
    }
}
