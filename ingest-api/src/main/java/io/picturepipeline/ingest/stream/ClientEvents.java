package io.picturepipeline.ingest.stream;

import io.picturepipeline.schemas.GenerationCancelled;
import io.picturepipeline.schemas.GenerationCompleted;
import io.picturepipeline.schemas.GenerationFailed;
import io.picturepipeline.schemas.GenerationProgressed;
import io.picturepipeline.schemas.GenerationRequested;
import io.picturepipeline.schemas.GenerationStarted;
import io.picturepipeline.schemas.GenerationStatus;
import io.picturepipeline.schemas.ImagesGenerated;
import io.picturepipeline.schemas.PipelineEvent;
import io.picturepipeline.schemas.RetryScheduled;
import io.picturepipeline.schemas.StoredImage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client is told about a lifecycle event, on its event streams and in its webhooks: the SSE event name and its
 * JSON data. {@code status} for the moves to queued, scheduled (with its {@code notBefore}), processing and
 * downloading; {@code progress}; {@code retry}; and the terminal {@code completed},
 * {@code failed}, {@code cancelled}. Operators' facts (dead letters, replays, resolutions) are not the client's and
 * are not sent.
 */
public final class ClientEvents {

    /** {@code name}: the SSE event name, also the webhook type's suffix ({@code generation.<name>}). */
    public record ClientEvent(String name, Map<String, Object> data) {

        public boolean isTerminal() {
            return name.equals("completed") || name.equals("failed") || name.equals("cancelled");
        }
    }

    private ClientEvents() {}

    public static Optional<ClientEvent> of(PipelineEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generationId", event.generationId());
        data.put("type", event.type());
        data.put("occurredAt", event.occurredAt());
        String name;
        if (event instanceof GenerationRequested requested) {
            name = "status";
            data.put("status", requested.resultingStatus().wireName());
            if (requested.resultingStatus() == GenerationStatus.SCHEDULED) {
                data.put("notBefore", requested.admissionOrDefault().notBefore());
            }
        } else if (event instanceof GenerationStarted) {
            name = "status";
            data.put("status", "processing");
        } else if (event instanceof GenerationProgressed progressed) {
            name = "progress";
            data.put("progress", progressed.percent());
        } else if (event instanceof RetryScheduled retry) {
            name = "retry";
            data.put("stage", retry.stage());
            data.put("attempt", retry.attempt());
            data.put("delaySeconds", retry.delay().toSeconds());
            data.put("message", "retrying in " + describe(retry.delay()));
            data.put("reason", retry.reason());
        } else if (event instanceof ImagesGenerated) {
            name = "status";
            data.put("status", "downloading");
            data.put("progress", 100);
        } else if (event instanceof GenerationCompleted completed) {
            name = "completed";
            data.put("status", "completed");
            data.put("images", images(completed));
        } else if (event instanceof GenerationFailed failed) {
            name = "failed";
            data.put("status", "failed");
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("stage", failed.stage());
            error.put("class", failed.errorClass());
            error.put("message", failed.message());
            data.put("error", error);
        } else if (event instanceof GenerationCancelled cancelled) {
            name = "cancelled";
            data.put("status", "cancelled");
            data.put("reason", cancelled.reason());
        } else {
            return Optional.empty();
        }
        return Optional.of(new ClientEvent(name, data));
    }

    private static List<Map<String, Object>> images(GenerationCompleted completed) {
        return completed.images().stream().map(image -> image(completed, image)).toList();
    }

    private static Map<String, Object> image(GenerationCompleted completed, StoredImage image) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("index", image.index());
        view.put("url", "/api/v1/generations/" + completed.generationId() + "/images/" + image.index());
        view.put("contentType", image.contentType());
        view.put("width", image.width());
        view.put("height", image.height());
        view.put("bytes", image.bytes());
        return view;
    }

    /** "60 s", "2 min", "1 h 30 min": how a person reads a delay. */
    static String describe(Duration delay) {
        long seconds = Math.max(0, delay.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long rest = minutes % 60;
        return minutes / 60 + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
}
